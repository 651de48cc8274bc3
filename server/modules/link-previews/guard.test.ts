import { describe, expect, it } from 'vitest';
import { embeddedIPv4, isAllowedAddress } from './guard.js';

describe('the link-preview address guard', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '[::1]',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '::127.0.0.1',
    '64:ff9b::169.254.169.254',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isAllowedAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34'])(
    'allows %s',
    (address) => {
      expect(isAllowedAddress(address)).toBe(true);
    },
  );

  it('lets the test allowance through by exact address only', () => {
    expect(isAllowedAddress('127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(isAllowedAddress('127.0.0.2', ['127.0.0.1'])).toBe(false);
    expect(isAllowedAddress('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(false);
    expect(isAllowedAddress('10.0.0.1', ['127.0.0.1'])).toBe(false);
  });

  it('reads the IPv4 address inside mapped and NAT64 forms', () => {
    expect(embeddedIPv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIPv4('::FFFF:169.254.169.254')).toBe('169.254.169.254');
    expect(embeddedIPv4('2001:db8::1')).toBeNull();
  });
});
