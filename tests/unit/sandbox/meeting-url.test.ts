import { describe, expect, it } from 'vitest';
import { parseMeetingUrl } from '../../../electron/sandbox/meeting-url';

describe('meeting URL parsing', () => {
  it('Zoom: meeting id and optional password', () => {
    expect(parseMeetingUrl('https://us02web.zoom.us/j/84315220467?pwd=abc123')).toEqual({ platform: 'zoom', meeting_id: '84315220467', meeting_password: 'abc123' });
    expect(parseMeetingUrl('https://zoom.us/j/1234567890')).toEqual({ platform: 'zoom', meeting_id: '1234567890', meeting_password: null });
  });

  it('Google Meet: the three-part code', () => {
    expect(parseMeetingUrl('https://meet.google.com/abc-defg-hij')).toEqual({ platform: 'google_meet', meeting_id: 'abc-defg-hij' });
  });

  it('Teams: business meetup-join links, /meet/ links and Teams Live', () => {
    const context = encodeURIComponent(JSON.stringify({ Tid: 'tenant-1', Oid: 'organizer-1' }));
    expect(parseMeetingUrl(`https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=${context}`)).toMatchObject({
      platform: 'microsoft_teams',
      thread_id: '19:meeting_abc@thread.v2',
      message_id: '0',
      tenant_id: 'tenant-1',
      organizer_id: 'organizer-1',
      meeting_id: null,
    });
    expect(parseMeetingUrl('https://teams.microsoft.com/meet/2345678901234?p=secret')).toMatchObject({
      platform: 'microsoft_teams',
      business_meeting_id: '2345678901234',
      business_meeting_password: 'secret',
    });
    expect(parseMeetingUrl('https://teams.live.com/meet/9876543210?p=pw')).toMatchObject({ platform: 'microsoft_teams_live', meeting_id: '9876543210', meeting_password: 'pw' });
  });

  it('Webex: standard rooms and personal rooms', () => {
    expect(parseMeetingUrl('https://acme.webex.com/acme/j.php?MTID=m1234abcd')).toEqual({
      platform: 'webex',
      meeting_subdomain: 'acme',
      meeting_mtid: 'm1234abcd',
      meeting_path: 'acme/j.php',
    });
    expect(parseMeetingUrl('https://acme.webex.com/meet/jane.doe')).toEqual({ platform: 'webex', meeting_subdomain: 'acme', meeting_personal_room_id: 'jane.doe' });
  });

  it('GoTo Meeting', () => {
    expect(parseMeetingUrl('https://meet.goto.com/123456789')).toEqual({ platform: 'goto_meeting', meeting_id: '123456789' });
  });

  it.each(['not a url', 'https://example.com/meeting', 'https://zoom.us/', 'https://meet.google.com/ABC', 'ftp://zoom.us/j/1234567890'])('rejects %s', (url) => {
    expect(parseMeetingUrl(url)).toBeNull();
  });
});
