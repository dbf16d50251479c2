import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { CLOCK, type Clock } from '@pks/application';
import { PERSONAL_DATA_MASKED } from '@pks/domain';
import { JsonAnswer } from '@pks/projections';
import { map, type Observable } from 'rxjs';
import { ExportAnswer } from '../exports/answer';
import { exportFile, jsonFile } from '../exports/export-answer';
import { observedDocument } from '../exports/export-table';
import type { AccessGrant } from './access-grant';
import { ACCESS_LOG, type AccessLog, type AccessRecord } from './access-log';
import type { AccessRequest } from './access-request';
import { maskPersonalData } from './personal-data.masker';

/**
 * Every answer leaves through here: masked for a role that may not see personal data (rule 12), and, when it
 * shows workers' personal data in the clear, written to the access log first. An export (CSV, XLSX) is written
 * here too, each row through the same masking, and logged a batch of rows at a time before the batch leaves.
 */
@Injectable()
export class PersonalDataInterceptor implements NestInterceptor {
  constructor(
    @Inject(ACCESS_LOG) private readonly log: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AccessRequest>();
    const grant = request.access;
    return next.handle().pipe(
      map((body: unknown) => {
        // No grant: a public route. None exports or answers written JSON; were one to, it would show nobody's
        // personal data.
        if (grant === undefined) return this.ungranted(body);
        if (body instanceof ExportAnswer) return this.exported(body, grant, request);
        if (body instanceof JsonAnswer) return this.written(body, grant, request);
        if (grant.personalData.masked) return maskPersonalData(body, grant.personalData);
        if (grant.accessLog !== undefined) this.log.record(this.recordOf(grant, request, body));
        return body;
      }),
    );
  }

  /**
   * An answer the query wrote as JSON: its bytes sent as they are, with the NIKs it names logged first, to a
   * caller who sees them in the clear; parsed and masked like any other answer for one who may not.
   */
  private written(answer: JsonAnswer<unknown>, grant: AccessGrant, request: AccessRequest) {
    if (grant.personalData.masked) return maskPersonalData(answer.value(), grant.personalData);
    if (grant.accessLog === 'history') this.log.record(this.recordOf(grant, request, answer.value()));
    else if (grant.accessLog !== undefined)
      this.log.record({ ...this.entryOf(grant, request), niks: [...answer.niks] });
    return jsonFile(answer.json);
  }

  private ungranted(body: unknown): unknown {
    if (body instanceof ExportAnswer) return exportFile(body, PERSONAL_DATA_MASKED);
    return body instanceof JsonAnswer ? maskPersonalData(body.value(), PERSONAL_DATA_MASKED) : body;
  }

  private exported(answer: ExportAnswer, grant: AccessGrant, request: AccessRequest) {
    if (grant.personalData.masked || grant.accessLog === undefined) return exportFile(answer, grant.personalData);
    const document = observedDocument(answer.document, (rows) =>
      this.log.record({ ...this.entryOf(grant, request), format: answer.format, niks: niksIn(rows) }),
    );
    return exportFile(new ExportAnswer(document, answer.format), grant.personalData);
  }

  private recordOf(grant: AccessGrant, request: AccessRequest, body: unknown): AccessRecord {
    const entry = this.entryOf(grant, request);
    return grant.accessLog === 'history'
      ? { ...entry, ...historyShown(request, body) }
      : { ...entry, niks: niksIn(body) };
  }

  private entryOf(grant: AccessGrant, request: AccessRequest): AccessRecord {
    return {
      at: this.clock.now(),
      subject: grant.sub,
      role: grant.role,
      route: grant.route,
      params: { ...(request.params as Record<string, string>) },
      query: { ...(request.query as Record<string, unknown>) },
    };
  }
}

/** The NIKs an answer (or a batch of an export's rows) names, once each, in the order it names them. */
export function niksIn(body: unknown): string[] {
  const found = new Set<string>();
  collectNiks(body, found);
  return [...found];
}

// The set is spread once, at the end: spread at every level, a batch of 1,000 rows cost 1.3 s per 100,000.
// Keys, not entries: an answer of 100 double-funding items is about 10,000 values, and a pair each was 0.3 ms.
function collectNiks(value: unknown, found: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectNiks(item, found);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const field = record[key];
    if (key === 'nik' && typeof field === 'string') found.add(field);
    else if (field !== null && typeof field === 'object') collectNiks(field, found);
  }
}

/** The versions of the agreement's history an answer shows (a page of events, or the state at a version). */
function historyShown(request: AccessRequest, body: unknown): Pick<AccessRecord, 'agreementId' | 'versions'> {
  const agreementId = (request.params as Record<string, string>).id;
  const { items, version } = (body ?? {}) as { items?: { version: number }[]; version?: number };
  if (Array.isArray(items)) {
    return items.length === 0
      ? { agreementId }
      : { agreementId, versions: { from: items[0].version, to: items[items.length - 1].version } };
  }
  return typeof version === 'number' ? { agreementId, versions: { from: 1, to: version } } : { agreementId };
}
