import { renderPlan, type JsonValue, type RequestPlan } from './fuzz-request';
import { send } from './wire-client';

/** Requests that prepare a case (sign the agreement it aims at, enrol the member it names): not fuzz cases. */
export class SetupClient {
  constructor(
    readonly port: number,
    private readonly timeoutMs = 10_000,
  ) {}

  async get(path: string): Promise<{ status: number; body: any }> {
    return this.call({ method: 'GET', template: path, pathParams: {}, query: [], headers: {} });
  }

  /** Sends `plan` and returns the parsed JSON answer, whatever its status. */
  async call(plan: RequestPlan): Promise<{ status: number; body: any }> {
    const answer = await send(this.port, renderPlan(plan), this.timeoutMs);
    if (answer.kind === 'no-answer') throw new SetupError(`${plan.method} ${plan.template}: ${answer.reason}`);
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      body = answer.text;
    }
    return { status: answer.status, body };
  }

  /** A setup command that must succeed: its refusal is reported as a failed set-up, never as a fuzz result. */
  async command(path: string, body: JsonValue, headers: Record<string, string> = {}): Promise<any> {
    const res = await this.call({ method: 'POST', template: path, pathParams: {}, query: [], headers, body });
    if (res.status !== 201) {
      throw new SetupError(`set-up POST ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    return res.body;
  }

  async head(): Promise<number | null> {
    try {
      const res = await this.get('/health');
      return res.status === 200 && typeof res.body?.headPosition === 'number' ? res.body.headPosition : null;
    } catch {
      return null;
    }
  }
}

export class SetupError extends Error {}
