import { token } from './session';

/** An answer of the API that is not a success, with its stable code (API.md "Errors"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | undefined>;

/** Told when the API refuses the token (expired, revoked): the page asks to sign in again. */
let onUnauthenticated: () => void = () => undefined;
export function whenUnauthenticated(listener: () => void): void {
  onUnauthenticated = listener;
}

/** GET a JSON answer of the API on this origin, with the bearer token when the page has one. */
export async function get<T>(path: string, query: Query = {}, options: { signInAgain?: boolean } = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(name, String(value));
  const url = params.size > 0 ? `${path}?${params}` : path;
  const bearer = token();
  const response = await fetch(url, {
    headers: { accept: 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  const problem = (body ?? {}) as { code?: string; message?: string };
  const error = new ApiError(response.status, problem.code ?? 'UNKNOWN', problem.message ?? response.statusText);
  if (response.status === 401 && options.signInAgain !== false) onUnauthenticated();
  throw error;
}

/** The answer, or null when the route does not exist on this server (a feature it does not have yet). */
export async function optional<T>(path: string, query: Query = {}): Promise<T | null> {
  try {
    return await get<T>(path, query);
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'METHOD_NOT_ALLOWED')) return null;
    throw error;
  }
}
