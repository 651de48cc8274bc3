import { describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { testApp } from '../../test/harness.js';

describe('GET /api/v1/site', () => {
  it('tells anyone, signed in or not, the default language and whether demo mode is on', async () => {
    const english = await testApp({ config: { language: 'en', demo: false } });
    expect((await client(english.app).get('/api/v1/site')).json()).toEqual({
      defaultLanguage: 'en',
      demo: false,
    });
    const demo = await testApp({ config: { language: 'nl', demo: true } });
    expect((await client(demo.app).get('/api/v1/site')).json()).toEqual({
      defaultLanguage: 'nl',
      demo: true,
    });
  });
});
