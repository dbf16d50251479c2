/**
 * NIKs of the chaos workload (DOMAIN.md rule 3): structurally valid, distinct per lane, agreement and serial.
 * The birth date carries the lane (day, +40 past 28 lanes) and the agreement (month and year); the serial
 * (1-9999) the member.
 */
export function laneNik(lane: number, agreementNo: number, serial: number): string {
  if (lane >= 56 || serial < 1 || serial > 9_999 || agreementNo >= 1_200) {
    throw new Error(`no NIK for lane ${lane}, agreement ${agreementNo}, serial ${serial}`);
  }
  const day = (lane % 28) + 1 + (lane >= 28 ? 40 : 0);
  const month = (agreementNo % 12) + 1;
  const year = Math.floor(agreementNo / 12);
  return `720101${pad(day)}${pad(month)}${pad(year)}${String(serial).padStart(4, '0')}`;
}

const SHARED_PER_PAIR = 4;

/**
 * People enrolled by two lanes (a twin pair, 2p and 2p+1) in their first agreements: covered twice (double
 * funding), and when one of them dies, the benefit paid under one agreement is recorded as a death in the other.
 * A shared person may die only once both enrolments are acknowledged: an enrolment after the death would be
 * accepted (its coverage starts before the death) without the death being recorded there.
 */
export class SharedPeople {
  private readonly enrolments = new Map<string, Set<string>>();

  peopleOf(lane: number): string[] {
    const pair = Math.floor(lane / 2);
    return Array.from({ length: SHARED_PER_PAIR }, (_, i) => `739901${pad((pair % 28) + 1)}0199${pad(i + 1, 4)}`);
  }

  isShared(nik: string): boolean {
    return nik.startsWith('739901');
  }

  enrolled(nik: string, agreementId: string): void {
    const agreements = this.enrolments.get(nik) ?? new Set<string>();
    agreements.add(agreementId);
    this.enrolments.set(nik, agreements);
  }

  mayDie(nik: string): boolean {
    return (this.enrolments.get(nik)?.size ?? 0) >= 2;
  }
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
