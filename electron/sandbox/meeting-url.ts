// Parses the meeting URL given at bot creation into Recall's per-platform `meeting_url` object
// (recall-api.md §3.2). Unknown shapes return null and become a field error.
export type MeetingUrl =
  | { platform: 'zoom'; meeting_id: string; meeting_password: string | null }
  | { platform: 'google_meet'; meeting_id: string }
  | {
      platform: 'microsoft_teams' | 'microsoft_teams_live';
      meeting_id: string | null;
      meeting_password: string | null;
      organizer_id: string | null;
      tenant_id: string | null;
      message_id: string | null;
      thread_id: string | null;
      business_meeting_id: string | null;
      business_meeting_password: string | null;
    }
  | { platform: 'webex'; meeting_subdomain: string; meeting_mtid: string; meeting_path: string }
  | { platform: 'webex'; meeting_subdomain: string; meeting_personal_room_id: string }
  | { platform: 'goto_meeting'; meeting_id: string };

function hostIs(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function parseZoom(url: URL): MeetingUrl | null {
  const confno = url.searchParams.get('confno');
  const pathId = /^\/(?:j|w|s|wc\/join|wc)\/(\d{9,11})(?:\/|$)/.exec(url.pathname)?.[1];
  const meetingId = pathId ?? (confno !== null && /^\d{9,11}$/.test(confno) ? confno : undefined);
  if (meetingId === undefined) return null;
  return { platform: 'zoom', meeting_id: meetingId, meeting_password: url.searchParams.get('pwd') };
}

function parseMeet(url: URL): MeetingUrl | null {
  const code = /^\/([a-z]{3}-[a-z]{4}-[a-z]{3})\/?$/.exec(url.pathname)?.[1];
  return code === undefined ? null : { platform: 'google_meet', meeting_id: code };
}

function teams(platform: 'microsoft_teams' | 'microsoft_teams_live', fields: Partial<Record<string, string | null>>): MeetingUrl {
  const get = (k: string): string | null => fields[k] ?? null;
  return {
    platform,
    meeting_id: get('meeting_id'),
    meeting_password: get('meeting_password'),
    organizer_id: get('organizer_id'),
    tenant_id: get('tenant_id'),
    message_id: get('message_id'),
    thread_id: get('thread_id'),
    business_meeting_id: get('business_meeting_id'),
    business_meeting_password: get('business_meeting_password'),
  };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseTeams(url: URL): MeetingUrl | null {
  const password = url.searchParams.get('p');
  if (hostIs(url.hostname, 'teams.live.com')) {
    const id = /^\/meet\/(\d+)\/?$/.exec(url.pathname)?.[1];
    return id === undefined ? null : teams('microsoft_teams_live', { meeting_id: id, meeting_password: password });
  }
  const meet = /^\/meet\/(\d+)\/?$/.exec(url.pathname)?.[1];
  if (meet !== undefined) {
    return teams('microsoft_teams', { business_meeting_id: meet, business_meeting_password: password });
  }
  const join = /^\/l\/meetup-join\/([^/]+)\/([^/]+)/.exec(url.pathname);
  if (join === null) return null;
  const context = parseJson(url.searchParams.get('context'));
  const ctx = typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : {};
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return teams('microsoft_teams', {
    thread_id: decodeURIComponent(join[1] ?? ''),
    message_id: decodeURIComponent(join[2] ?? ''),
    tenant_id: str(ctx['Tid']),
    organizer_id: str(ctx['Oid']),
  });
}

function parseWebex(url: URL): MeetingUrl | null {
  const subdomain = url.hostname.split('.')[0] ?? '';
  if (subdomain === '' || subdomain === 'webex' || subdomain === 'www') return null;
  const mtid = url.searchParams.get('MTID') ?? url.searchParams.get('mtid');
  if (mtid !== null && mtid !== '') {
    return { platform: 'webex', meeting_subdomain: subdomain, meeting_mtid: mtid, meeting_path: url.pathname.replace(/^\//, '') };
  }
  const room = /^\/(?:meet|join)\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  return room === undefined ? null : { platform: 'webex', meeting_subdomain: subdomain, meeting_personal_room_id: room };
}

function parseGoTo(url: URL): MeetingUrl | null {
  const id = /^\/(?:join\/)?(\d{9,10})\/?$/.exec(url.pathname)?.[1];
  return id === undefined ? null : { platform: 'goto_meeting', meeting_id: id };
}

export function parseMeetingUrl(input: string): MeetingUrl | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'zoommtg:') return parseZoom(url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (hostIs(host, 'zoom.us') || hostIs(host, 'zoomgov.com')) return parseZoom(url);
  if (host === 'meet.google.com') return parseMeet(url);
  if (hostIs(host, 'teams.microsoft.com') || hostIs(host, 'teams.live.com')) return parseTeams(url);
  if (hostIs(host, 'webex.com')) return parseWebex(url);
  if (host === 'meet.goto.com' || hostIs(host, 'gotomeeting.com') || host === 'app.goto.com') return parseGoTo(url);
  return null;
}
