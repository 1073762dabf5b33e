// The produced MP4 plays in Chromium (what the app's preview uses): metadata, audio and video
// decode, and seeking shows the picture while recording and black during a pause.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaRenderer } from '../../../electron/sandbox/media';
import { SMALL, TWO_PAUSES, tempDir } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'];

const PAGE = `<!doctype html><video src="/video.mp4" preload="auto"></video><canvas width="${SMALL.width}" height="${SMALL.height}"></canvas>
<script>
  const video = document.querySelector('video');
  const canvas = document.querySelector('canvas');
  const once = (name) => new Promise((resolve, reject) => {
    video.addEventListener(name, resolve, { once: true });
    video.addEventListener('error', () => reject(new Error('media error ' + (video.error && video.error.code))), { once: true });
  });
  window.lumaAt = async (seconds) => {
    const seeked = once('seeked');
    video.currentTime = seconds;
    await seeked;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
    return sum / (data.length / 4);
  };
  window.playFor = async (fromSeconds, ms) => {
    await window.lumaAt(fromSeconds);
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, ms));
    video.pause();
    return {
      advancedSeconds: video.currentTime - fromSeconds,
      audioDecoded: video.webkitAudioDecodedByteCount > 0,
      videoDecoded: video.webkitVideoDecodedByteCount > 0,
      error: video.error && video.error.code,
    };
  };
  window.ready = video.readyState >= 1 ? Promise.resolve() : once('loadedmetadata');
</script>`;

describe.skipIf(!existsSync(CHROMIUM))('playback in Chromium', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    dir = await tempDir('playback');
    const renderer = new MediaRenderer({ cacheDir: join(dir.path, 'cache'), ...SMALL });
    const file = join(dir.path, 'video.mp4');
    await renderer.render(TWO_PAUSES, file);
    await renderer.close();
    const video = await readFile(file);
    server = createServer((req, res) => {
      if (req.url !== '/video.mp4') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
        return;
      }
      const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
      const start = range === null ? 0 : Number(range[1]);
      const end = range === null || range[2] === '' ? video.length - 1 : Number(range[2]);
      res.writeHead(range === null ? 200 : 206, {
        'content-type': 'video/mp4',
        'accept-ranges': 'bytes',
        'content-length': end - start + 1,
        ...(range === null ? {} : { 'content-range': `bytes ${start}-${end}/${video.length}` }),
      });
      res.end(video.subarray(start, end + 1));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the test server has no TCP address');
    origin = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await dir?.remove();
  });

  it('decodes audio and video, and shows the picture while recording and black during a pause', async () => {
    const page = await browser.newPage();
    await page.goto(origin);
    await page.evaluate('window.ready');
    const metadata: unknown = await page.evaluate('({ duration: video.duration, width: video.videoWidth, height: video.videoHeight })');
    expect(metadata).toEqual({ duration: expect.closeTo(TWO_PAUSES.durationMs / 1000, 1), width: SMALL.width, height: SMALL.height });

    const luma = async (seconds: number): Promise<number> => Number(await page.evaluate(`window.lumaAt(${seconds})`));
    // Recorded (first chunk, a cut chunk after the second pause), paused (full black chunk, a cut chunk).
    expect(await luma(1)).toBeGreaterThan(40);
    expect(await luma(11.2)).toBeGreaterThan(40);
    expect(await luma(5)).toBeLessThan(5);
    expect(await luma(9.8)).toBeLessThan(5);

    const played: unknown = await page.evaluate('window.playFor(10.8, 1200)');
    expect(played).toMatchObject({ error: null, audioDecoded: true, videoDecoded: true });
    expect(played).toHaveProperty('advancedSeconds', expect.toSatisfy((s: number) => s > 0.3 && s < 2));
  });
});
