import { describe, expect, it } from 'vitest';
import { afipQrText, itfCheckDigit, looseDate, parseAfipItf, parseAfipQr } from './afip-qr';

const url = (json: string, base = 'https://www.afip.gob.ar/fe/qr/?p=') => `${base}${Buffer.from(json).toString('base64')}`;
const GOOD = '{"ver":1,"fecha":"2024-01-12","cuit":30716059274,"ptoVta":8,"tipoCmp":1,"nroCmp":2327,"importe":87870,"moneda":"PES","ctz":1,"tipoDocRec":80,"nroDocRec":30709875821,"tipoCodAut":"E","codAut":74024737929199}';

describe('parseAfipQr', () => {
  it('reads a well-formed invoice QR', () => {
    const qr = parseAfipQr(url(GOOD))!;
    expect(qr).toMatchObject({ cuit: '30716059274', pos: 8, typeCode: 1, number: 2327, date: '2024-01-12', total: 8_787_000, cae: '74024737929199', invalid: [] });
  });

  it('reads ARCA URLs, URL-safe base64 and missing padding', () => {
    const b64 = Buffer.from(GOOD).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(parseAfipQr(`https://arca.gob.ar/fe/qr/?p=${b64}`)?.number).toBe(2327);
    expect(parseAfipQr(`http://www.afip.gob.ar/fe/qr?p=${encodeURIComponent(Buffer.from(GOOD).toString('base64'))}`)?.number).toBe(2327);
  });

  it('repairs leading zeros, dd/mm/yyyy dates and numbers as strings (a real printed QR)', () => {
    const broken = '{"ver":1,"fecha":"14/02/2023","cuit":30517583231,"ptoVta":5,"tipoCmp":01,"nroCmp":11643,"importe":77300.00,"moneda":"PES","ctz":1,"tipoDocRec":80,"nroDocRec":30500017';
    const qr = parseAfipQr(url(broken))!;
    expect(qr).toMatchObject({ cuit: '30517583231', pos: 5, typeCode: 1, number: 11643, date: '2023-02-14', total: 7_730_000, cae: null });
    expect(qr.repairs.length).toBeGreaterThan(0);
    expect(parseAfipQr(url('{"fecha":"20240112","cuit":"30716059274","ptoVta":"8","tipoCmp":"6","nroCmp":"9","importe":"10.5"}')))
      .toMatchObject({ date: '2024-01-12', cuit: '30716059274', pos: 8, typeCode: 6, number: 9, total: 1050 });
  });

  it('leaves out fields that fail validation instead of trusting them', () => {
    const qr = parseAfipQr(url(GOOD.replace('30716059274', '30716059275').replace('"tipoCmp":1', '"tipoCmp":999').replace('2024-01-12', '2024-02-31')))!;
    expect(qr.cuit).toBeNull();
    expect(qr.typeCode).toBeNull();
    expect(qr.date).toBeNull();
    expect(qr.invalid).toEqual(expect.arrayContaining(['cuit', 'tipoCmp', 'fecha']));
  });

  it('ignores QRs that are not invoice QRs', () => {
    expect(parseAfipQr('https://www.mercadopago.com.ar/qr/123')).toBeNull();
    expect(parseAfipQr('00020101021243650016COM.MERCADOLIBRE')).toBeNull();
    expect(parseAfipQr('https://www.afip.gob.ar/fe/qr/?p=')).toBeNull();
    expect(parseAfipQr(url('{"hello":"world"}'))).toBeNull();
  });

  it('round-trips the QR text the generator prints', () => {
    const text = afipQrText({ fecha: '2026-03-05', cuit: 30716059274, ptoVta: 3, tipoCmp: 6, nroCmp: 40375, importe: 3076.28, codAut: 74891438954509 });
    expect(parseAfipQr(text)).toMatchObject({ typeCode: 6, total: 307_628, pos: 3, number: 40375 });
  });
});

describe('looseDate', () => {
  it('accepts the printed forms and refuses impossible dates', () => {
    expect(looseDate('5/3/2026')).toBe('2026-03-05');
    expect(looseDate('2026-3-5')).toBe('2026-03-05');
    expect(looseDate('31/02/2026')).toBeNull();
    expect(looseDate('12/01/1999')).toBeNull();
  });
});

describe('parseAfipItf', () => {
  it('reads CUIT, type, point of sale and CAE when the check digit holds', () => {
    const body = `30716059274` + `01` + `0008` + `74024737929199` + `20240122`;
    const code = `${body}${itfCheckDigit(body)}`;
    expect(parseAfipItf(code)).toEqual({ cuit: '30716059274', typeCode: 1, pos: 8, cae: '74024737929199', caeDue: '2024-01-22' });
    const wrong = `${body}${(itfCheckDigit(body) + 1) % 10}`;
    expect(parseAfipItf(wrong)).toBeNull();
    expect(parseAfipItf('123')).toBeNull();
  });

  it('computes AFIP’s check digit as RG 1702 describes (01234567890 → 5)', () => {
    // Odd positions 0+2+4+6+8+0 = 20, × 3 = 60; even 1+3+5+7+9 = 25; 85 → 5 to the next ten.
    expect(itfCheckDigit('01234567890')).toBe(5);
  });
});
