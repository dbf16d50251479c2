import { premiumBalance } from './premium-balance';

describe('Rule 8: outstanding and refundable premium', () => {
  it('Sumba Barat Daya before any payment: all Rp282,240,000 outstanding', () => {
    expect(premiumBalance(282_240_000, 0)).toEqual({ outstanding: 282_240_000, refundable: 0 });
  });

  it('paid in full: nothing outstanding, nothing refundable', () => {
    expect(premiumBalance(282_240_000, 282_240_000)).toEqual({ outstanding: 0, refundable: 0 });
  });

  it('paid in full, then an October death makes two months not due: Rp33,600 refundable', () => {
    expect(premiumBalance(282_240_000 - 2 * 16_800, 282_240_000)).toEqual({ outstanding: 0, refundable: 33_600 });
  });
});
