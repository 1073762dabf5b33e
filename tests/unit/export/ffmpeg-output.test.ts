// Parsing of what ffmpeg prints: the `-i` stream summary, framecrc packet lists, the
// detection filters' logs and -progress lines.
import { describe, expect, it } from 'vitest';
import { intersectBlackSilent, parseBlack, parseSilence } from '../../../electron/core/export/detect';
import { parseProgressTime } from '../../../electron/core/export/ffmpeg-process';
import { parseMediaInfo } from '../../../electron/core/export/media-info';
import { nearestBoundary, parseFramecrc, videoEnd } from '../../../electron/core/export/packet-index';

const SANDBOX_MP4 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':
  Metadata:
    major_brand     : isom
  Duration: 00:00:30.02, start: 0.000000, bitrate: 51 kb/s
    Stream #0:0(und): Video: h264 (Constrained Baseline) (avc1 / 0x31637661), yuv420p(tv, bt709), 320x180 [SAR 1:1 DAR 16:9], 17 kb/s, 15 fps, 15 tbr, 15360 tbn, 30 tbc (default)
    Metadata:
      handler_name    : VideoHandler
    Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, mono, fltp, 29 kb/s (default)
At least one output file must be specified
`;

describe('parseMediaInfo', () => {
  it('reads container, duration and both streams', () => {
    expect(parseMediaInfo(SANDBOX_MP4)).toEqual({
      formatNames: ['mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2'],
      durationSec: 30.02,
      startSec: 0,
      video: { codec: 'h264', profile: 'Constrained Baseline', pixFmt: 'yuv420p', colorRange: 'tv', colorSpace: 'bt709', width: 320, height: 180, fps: 15 },
      audio: { codec: 'aac', sampleRate: 48000, channels: 1, bitrateKbps: 29 },
    });
  });

  it('handles full-range video, stereo audio, a cover picture and a missing audio stream', () => {
    const text = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'b.mp4':
  Duration: 01:02:03.50, start: 0.021000, bitrate: 900 kb/s
    Stream #0:0[0x1](eng): Video: mjpeg (Baseline), yuvj420p(pc, bt470bg/unknown/unknown), 640x360, 90000 tbr (attached pic)
    Stream #0:1[0x2](eng): Video: h264 (High) (avc1 / 0x31637661), yuvj420p(pc, progressive), 1920x1080, 800 kb/s, 29.97 fps, 29.97 tbr, 30k tbn (default)
    Stream #0:2(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 128 kb/s (default)`;
    const info = parseMediaInfo(text);
    expect(info?.durationSec).toBeCloseTo(3723.5, 6);
    expect(info?.startSec).toBe(0.021);
    expect(info?.video).toEqual({ codec: 'h264', profile: 'High', pixFmt: 'yuvj420p', colorRange: 'pc', colorSpace: null, width: 1920, height: 1080, fps: 29.97 });
    expect(info?.audio).toEqual({ codec: 'aac', sampleRate: 44100, channels: 2, bitrateKbps: 128 });
    expect(parseMediaInfo(text.split('\n').slice(0, 3).join('\n'))?.audio).toBeNull();
  });

  it('returns null when ffmpeg could not open the input', () => {
    expect(parseMediaInfo("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found\nx.mp4: Invalid data found when processing input\n")).toBeNull();
  });
});

const FRAMECRC = `#extradata 0:       43, 0x12950af4
#software: Lavf58.24.100
#tb 0: 1/15360
#media_type 0: video
0,          0,          0,     1024,     7049, 0x339337d9
0,       1024,       1024,     1024,       11, 0x092a0253, F=0x0
0,       2048,       2048,     1024,       11, 0x09ca0273, F=0x0
0,       3072,       3072,     1024,      361, 0x5c889662
0,       4096,       4096,      512,       11, 0x0b0a02b3, F=0x0
`;

describe('parseFramecrc', () => {
  it('lists frames in display order with times in seconds and keyframe flags', () => {
    const index = parseFramecrc(FRAMECRC);
    expect(index.timescale).toBe(15360);
    expect(index.reordered).toBe(false);
    expect(index.discarded).toBe(false);
    expect(index.frames.map((f) => [f.pts, f.duration, f.key])).toEqual([
      [0, 1 / 15, true],
      [1 / 15, 1 / 15, false],
      [2 / 15, 1 / 15, false],
      [3 / 15, 1 / 15, true],
      [4 / 15, 512 / 15360, false],
    ]);
    expect(videoEnd(index)).toBeCloseTo(4 / 15 + 1 / 30, 9);
  });

  it('notices B-frames (display order differs from storage order) and edit-list discards', () => {
    const reordered = parseFramecrc(`#tb 0: 1/15360
0,      -2048,          0,     1024,     4440, 0x92314457
0,      -1024,       3072,     1024,     1868, 0x6b7db3bc, F=0x0
0,          0,       1024,     1024,     1068, 0x1fcb1622, F=0x0
0,       1024,       2048,     1024,      993, 0xddd3f35d, F=0x0
`);
    expect(reordered.reordered).toBe(true);
    expect(reordered.frames.map((f) => f.pts * 15)).toEqual([0, 1, 2, 3]);
    const discarded = parseFramecrc('#tb 0: 1/1000\n0, 0, 0, 40, 10, 0x1, F=0x5\n0, 40, 40, 40, 10, 0x1\n');
    expect(discarded.discarded).toBe(true);
    expect(discarded.frames).toHaveLength(1);
  });

  it('snaps times to the nearest frame boundary', () => {
    const index = parseFramecrc(FRAMECRC);
    expect(nearestBoundary(index, 0.01)).toBe(0);
    expect(nearestBoundary(index, 0.06)).toBe(1);
    expect(nearestBoundary(index, 0.2)).toBe(3);
    expect(nearestBoundary(index, 0.29)).toBe(5);
    expect(nearestBoundary(index, 99)).toBe(5);
  });
});

describe('detection logs', () => {
  it('silence still open at the end runs to the end', () => {
    const log = `[silencedetect @ 0x1] silence_start: 8.01887
[silencedetect @ 0x1] silence_end: 11.9917 | silence_duration: 3.97287
[silencedetect @ 0x1] silence_start: 20.0082
`;
    expect(parseSilence(log, 30.02)).toEqual([
      { startSec: 8.01887, endSec: 11.9917 },
      { startSec: 20.0082, endSec: 30.02 },
    ]);
  });

  it('black times are offset by the window start; black running out at the end of the file reaches it', () => {
    const log = '[blackdetect @ 0x1] black_start:3 black_end:4.93333 black_duration:1.93333\n';
    expect(parseBlack(log, 5, 10, 1 / 15)).toEqual([{ startSec: 8, endSec: 10 }]);
    expect(parseBlack(log, 5, null, 1 / 15)).toEqual([{ startSec: 8, endSec: 9.93333 }]);
  });

  it('paused = black AND silent, edges snapped to the frame-exact black edges when close', () => {
    const black = [
      { startSec: 8, endSec: 12 },
      { startSec: 20, endSec: 23.533333 },
      { startSec: 40, endSec: 50 },
    ];
    const silent = [
      { startSec: 8.01887, endSec: 11.9917 },
      { startSec: 20.0082, endSec: 23.5117 },
      { startSec: 44, endSec: 44.3 },
      { startSec: 60, endSec: 70 },
    ];
    expect(intersectBlackSilent(black, silent, 0.5)).toEqual([
      { startSec: 8, endSec: 12 },
      { startSec: 20, endSec: 23.533333 },
    ]);
    // Sound that goes on well into the black is not part of the pause.
    expect(intersectBlackSilent([{ startSec: 8, endSec: 12 }], [{ startSec: 9.5, endSec: 13 }], 0.5)).toEqual([{ startSec: 9.5, endSec: 12 }]);
  });
});

describe('progress lines', () => {
  it('reads out_time_ms (microseconds), out_time_us and out_time', () => {
    expect(parseProgressTime('out_time_ms=1500000')).toBe(1.5);
    expect(parseProgressTime('out_time_us=250000')).toBe(0.25);
    expect(parseProgressTime('out_time=01:00:02.500000')).toBe(3602.5);
    expect(parseProgressTime('progress=continue')).toBeNull();
  });
});
