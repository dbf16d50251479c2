/**
 * Tables of the agreements read model: each agreement and its members. Facts carry the `position` and
 * `recorded_at` of the event that recorded them, so that coverage can be computed "as known at" any instant; the
 * period is one row per change. One row per member and agreement, the only per-member table of the read side.
 */
export const AGREEMENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_agreements (
  agreement_id TEXT PRIMARY KEY, region_code TEXT NOT NULL, province TEXT NOT NULL, pemda_name TEXT NOT NULL,
  pks_number TEXT NOT NULL, branch_code TEXT NOT NULL, branch_name TEXT NOT NULL, signed_on TEXT NOT NULL,
  programs TEXT NOT NULL, funding_source TEXT NOT NULL, version INTEGER NOT NULL, position INTEGER NOT NULL,
  -- The sum of its groups' counts, kept at the end of each batch that enrolled (and once at a bulk load's end):
  -- summed at each listing, the 1,000 agreements' 1.3 million group rows took 80-180 ms of the service's loop.
  members INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rm_agreements_region ON rm_agreements (region_code);
CREATE TABLE IF NOT EXISTS rm_agreements_periods (
  agreement_id TEXT NOT NULL, position INTEGER NOT NULL, recorded_at TEXT NOT NULL,
  start TEXT NOT NULL, "end" TEXT NOT NULL, termination_date TEXT, termination_reason TEXT,
  budget INTEGER NOT NULL, last_covered_day TEXT NOT NULL,
  PRIMARY KEY (agreement_id, position)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_agreements_cohorts (
  agreement_id TEXT NOT NULL, cohort_id TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (agreement_id, cohort_id)) WITHOUT ROWID;
-- Keyed by agreement, then NIK: an agreement's member list is one range of the table, and the rows of an
-- enrolment go into its agreement's part of the tree, not all over it (a rowid table with a (nik, agreement_id)
-- index, whose entries went in in NIK order all over the index: the rebuild of the large dataset 31,600 to 33,800
-- -> 35,100 to 42,100 events/s, 3 interleaved pairs). A worker's enrolments across agreements are one range of
-- MEMBER_NIK_INDEX.
-- declared_income is the income enrolled with; corrected_position the last correction of the record applied
-- (rule 13).
CREATE TABLE IF NOT EXISTS rm_agreements_members (
  nik TEXT NOT NULL, agreement_id TEXT NOT NULL, cohort_id TEXT NOT NULL, name TEXT NOT NULL,
  occupation TEXT NOT NULL, village_code TEXT NOT NULL, declared_income INTEGER NOT NULL,
  covered_from TEXT NOT NULL, corrected_position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (agreement_id, nik)) WITHOUT ROWID;
-- Every declared income corrected from a month on; the timeline it makes is the domain's rule.
CREATE TABLE IF NOT EXISTS rm_agreements_income_changes (
  agreement_id TEXT NOT NULL, nik TEXT NOT NULL, position INTEGER NOT NULL, recorded_at TEXT NOT NULL,
  from_month TEXT NOT NULL, declared_income INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, nik, position)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_agreements_groups (
  agreement_id TEXT NOT NULL, position INTEGER NOT NULL, covered_from TEXT NOT NULL,
  declared_income INTEGER NOT NULL, cohort_id TEXT NOT NULL, recorded_at TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, position, covered_from, declared_income)) WITHOUT ROWID;
-- Every early exit recorded; which one ends a member's coverage is the domain's rule (the earliest).
CREATE TABLE IF NOT EXISTS rm_agreements_exits (
  agreement_id TEXT NOT NULL, nik TEXT NOT NULL, position INTEGER NOT NULL, recorded_at TEXT NOT NULL,
  last_day TEXT NOT NULL, reason TEXT NOT NULL, covered_from TEXT NOT NULL, declared_income INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, nik, position)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_agreements_benefits (
  agreement_id TEXT NOT NULL, claim_id TEXT NOT NULL, nik TEXT NOT NULL, date_of_death TEXT NOT NULL,
  paid_on TEXT NOT NULL, cause TEXT NOT NULL, program TEXT NOT NULL, total INTEGER NOT NULL,
  components TEXT NOT NULL, scholarship_eligible INTEGER NOT NULL, heir_name TEXT NOT NULL,
  heir_relationship TEXT NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, claim_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rm_agreements_benefits_nik ON rm_agreements_benefits (nik);
-- Workers enrolled in more than one agreement, by agreement: whose report a period change recomputes.
CREATE TABLE IF NOT EXISTS rm_agreements_followed (
  agreement_id TEXT NOT NULL, nik TEXT NOT NULL, PRIMARY KEY (agreement_id, nik)) WITHOUT ROWID;
-- One row per doubly funded worker (rule 11), and the regions of the agreements it names, for region filters.
-- A rowid table with its NIK index apart: its rows are wide (every month of every agreement, about 1.3 KB), and
-- keyed by NIK without a rowid each level of the tree held a few of them; a page of a province (100 NIKs spread
-- over the table) took 0.96 ms of look-ups, 0.17 ms this way.
CREATE TABLE IF NOT EXISTS rm_agreements_double_funding (
  nik TEXT NOT NULL UNIQUE, agreements TEXT NOT NULL, months TEXT NOT NULL, by_month TEXT NOT NULL,
  premium INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rm_agreements_double_funding_regions (
  nik TEXT NOT NULL, agreement_id TEXT NOT NULL, region_code TEXT NOT NULL, province TEXT NOT NULL,
  PRIMARY KEY (nik, agreement_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rm_agreements_double_funding_regions_province
  ON rm_agreements_double_funding_regions (province, region_code, nik);
CREATE TABLE IF NOT EXISTS rm_agreements_double_funding_totals (
  scope TEXT PRIMARY KEY, count INTEGER NOT NULL, premium INTEGER NOT NULL) WITHOUT ROWID;
-- A payment and, once recorded, its reversal (rule 8): both kept, with the instants they were recorded.
CREATE TABLE IF NOT EXISTS rm_agreements_payments (
  agreement_id TEXT NOT NULL, payment_id TEXT NOT NULL, amount INTEGER NOT NULL, paid_on TEXT NOT NULL,
  reference TEXT NOT NULL, position INTEGER NOT NULL, recorded_at TEXT NOT NULL,
  reversed_on TEXT, reversal_reason TEXT, reversal_position INTEGER, reversal_recorded_at TEXT,
  PRIMARY KEY (agreement_id, payment_id)) WITHOUT ROWID;
`;

/**
 * A worker's enrolments across agreements (the worker's coverage, double funding, the double-enrolment look-up of
 * a live enrolment). A bulk load reads members only by agreement and NIK, the table's key, and finds the workers
 * enrolled more than once at its end: it builds this index once, before that.
 */
export const MEMBER_NIK_INDEX = `
CREATE INDEX IF NOT EXISTS rm_agreements_members_nik ON rm_agreements_members (nik, agreement_id);
`;

/** What a bulk load runs instead of {@link MEMBER_NIK_INDEX} as it opens (a rebuild resumed after its end). */
export const WITHOUT_MEMBER_NIK_INDEX = 'DROP INDEX IF EXISTS rm_agreements_members_nik';
