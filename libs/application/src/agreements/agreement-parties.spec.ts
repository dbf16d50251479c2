import { SUMBA_BARAT_DAYA } from '@pks/domain/testing/fixtures';
import { applicationOver } from '../testing/application-harness';
import { AgreementPartiesDirectory } from './agreement-parties';

describe('the parties of an agreement', () => {
  it('names the region and branch it was signed for, from its signature in the store', async () => {
    const app = applicationOver();
    await app.send(SUMBA_BARAT_DAYA.agreementId, { type: 'SignAgreement', data: SUMBA_BARAT_DAYA });
    const parties = new AgreementPartiesDirectory(app.store);
    expect(await parties.of(SUMBA_BARAT_DAYA.agreementId)).toEqual({
      regionCode: '53.18',
      branchCode: 'KCP-TAMBOLAKA',
    });
  });

  it('knows no parties of an agreement not signed yet, and learns them once it is', async () => {
    const app = applicationOver();
    const parties = new AgreementPartiesDirectory(app.store);
    expect(await parties.of(SUMBA_BARAT_DAYA.agreementId)).toBeNull();
    await app.send(SUMBA_BARAT_DAYA.agreementId, { type: 'SignAgreement', data: SUMBA_BARAT_DAYA });
    expect(await parties.of(SUMBA_BARAT_DAYA.agreementId)).toMatchObject({ regionCode: '53.18' });
  });

  it('reads the store once per agreement', async () => {
    const app = applicationOver();
    await app.send(SUMBA_BARAT_DAYA.agreementId, { type: 'SignAgreement', data: SUMBA_BARAT_DAYA });
    const reads = jest.spyOn(app.store, 'readStream');
    const parties = new AgreementPartiesDirectory(app.store);
    await parties.of(SUMBA_BARAT_DAYA.agreementId);
    await parties.of(SUMBA_BARAT_DAYA.agreementId);
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
