import type { AuditedStreamRow, AuditSource } from './audit-source.port';
import type { Findings } from './findings';

/**
 * Every stream's version row (what appends are checked against) against the stream's last event: a row behind or
 * ahead of its events, a row left for a stream whose events were deleted, a stream with no row.
 * @returns how many streams there are.
 */
export function checkStreamRows(source: AuditSource, findings: Findings, only?: ReadonlySet<string>): number {
  let streams = 0;
  const rows = only
    ? [...only].map((id) => source.streamRow(id) ?? { streamId: id, version: null, lastHash: null, last: null })
    : source.streamRows();
  for (const row of rows) {
    streams += 1;
    checkRow(row, findings);
  }
  if (only) return streams;
  for (const last of source.streamsWithoutRow()) {
    streams += 1;
    findings.add({
      kind: 'version-row-mismatch',
      position: last.position,
      streamId: last.streamId,
      version: last.version,
      detail: `${last.streamId} has events up to version ${last.version} and no version row`,
    });
  }
  return streams;
}

function checkRow(row: AuditedStreamRow, findings: Findings): void {
  const { streamId, version, lastHash, last } = row;
  if (last === null) {
    findings.add({
      kind: 'event-missing',
      position: null,
      streamId,
      version: version ?? undefined,
      detail: `the version row of ${streamId} says version ${version}; the stream has no events: deleted`,
    });
    return;
  }
  if (version === null) {
    findings.add({
      kind: 'version-row-mismatch',
      position: last.position,
      streamId,
      version: last.version,
      detail: `${streamId} has events up to version ${last.version} and no version row`,
    });
    return;
  }
  if (version === last.version && lastHash === last.hash) return;
  findings.add({
    kind: 'version-row-mismatch',
    position: last.position,
    streamId,
    version: last.version,
    detail: `the version row of ${streamId} says version ${version}${lastHash === last.hash ? '' : ' with another last hash'}; its events end at version ${last.version}`,
  });
}
