/**
 * The strict URL parser behind the endpoint and UploadUrl checks (issue 10): the exact strings that
 * once sent the AccessToken to another host over plain HTTP, and the shapes it must still accept.
 */
import { isAllowedEndpointUrl, isAllowedUploadUrl, originOf, parseUrl } from '../../components/core';
import { SEED_UPLOAD_URL } from '../support/fake-platform';

import { ENDPOINT_ATTACKS, PORT } from '../support/url-attacks';

describe('parseUrl', () => {
  test('reads scheme, host, port, path and query without re-encoding', () => {
    expect(parseUrl('HTTPS://Bucket.Example:8443/res%2Fa?sign=q%3D1&x=2')).toEqual({
      scheme: 'https',
      host: 'bucket.example',
      ipv6: false,
      port: '8443',
      path: '/res%2Fa',
      query: 'sign=q%3D1&x=2',
    });
    expect(parseUrl('http://[::1]:9000')).toEqual({ scheme: 'http', host: '::1', ipv6: true, port: '9000', path: '', query: '' });
    expect(parseUrl('https://example.com?x')).toMatchObject({ host: 'example.com', path: '', query: 'x' });
    expect(parseUrl(SEED_UPLOAD_URL)).toMatchObject({ host: 'gz-g-resource-1256872341.cos.ap-guangzhou.myqcloud.com' });
  });

  test.each(ENDPOINT_ATTACKS)('refuses %j as an endpoint', (url) => {
    expect(isAllowedEndpointUrl(url)).toBe(false);
  });

  test.each(['https://iot.cloud.tencent.com/api/exploreropen/tokenapi', `http://127.0.0.1:${PORT}/api`, `http://127.255.0.9/api`, 'http://localhost/api', 'http://LOCALHOST:1/api', `http://[::1]:${PORT}/api`, 'https://[2001:db8::1]/api'])(
    'accepts %s as an endpoint',
    (url) => expect(isAllowedEndpointUrl(url)).toBe(true),
  );

  test('non-strings are not URLs', () => {
    for (const value of [undefined, null, 42, {}, ['https://a.example/']]) expect(parseUrl(value)).toBeNull();
  });

  test('UploadUrl: https anywhere; http only on loopback while the endpoint is loopback', () => {
    const emulator = `http://127.0.0.1:${PORT}/api`;
    expect(isAllowedUploadUrl(SEED_UPLOAD_URL, 'https://iot.cloud.tencent.com/api')).toBe(true);
    expect(isAllowedUploadUrl(`http://127.0.0.1:${PORT}/b/k?sign=x`, emulator)).toBe(true);
    expect(isAllowedUploadUrl(`http://127.0.0.1:${PORT}/b/k?sign=x`, 'https://iot.cloud.tencent.com/api')).toBe(false);
    expect(isAllowedUploadUrl('http://bucket.example/b/k?sign=x', emulator)).toBe(false);
    expect(isAllowedUploadUrl(`http://evil.example\\@127.0.0.1:${PORT}/k`, emulator)).toBe(false);
  });

  test('originOf names what goes on the domain list', () => {
    expect(originOf(parseUrl(SEED_UPLOAD_URL)!)).toBe('https://gz-g-resource-1256872341.cos.ap-guangzhou.myqcloud.com');
    expect(originOf(parseUrl('https://[::1]:8443/x')!)).toBe('https://[::1]:8443');
  });

  test('no URL global is used by the shipped code', () => {
    const fs = require('fs') as typeof import('fs');
    const path = require('path') as typeof import('path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(__dirname, '../../components'));
    for (const f of files) {
      const code = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect({ f, hit: /\bnew URL\(|\bURLSearchParams\b|\batob\(|\bbtoa\(|\bTextEncoder\b/.test(code) }).toEqual({ f, hit: false });
    }
  });
});
