/**
 * Which agreements a worker (NIK) was ever enrolled in. A NIK's enrolment is a fact that never goes away, so the
 * answer only grows. Read side: implementations answer once they have applied every event committed so far.
 */
export interface MemberDirectory {
  agreementsOf(nik: string): Promise<string[]>;
}
export const MEMBER_DIRECTORY = Symbol('MEMBER_DIRECTORY');
