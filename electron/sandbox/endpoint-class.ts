// Endpoint classes group the Recall operations that share a rate limit and a latency fault.
export const ENDPOINT_CLASSES = [
  'create', // POST /bot/
  'list', // GET /bot/
  'retrieve', // GET /bot/{id}/
  'control', // DELETE /bot/{id}/, leave_call, pause/resume/start/stop_recording
  'artifact_list', // GET /recording/, GET /video_mixed/
  'artifact_retrieve', // GET /recording/{id}/, GET /video_mixed/{id}/
  'media', // pre-signed media downloads under /_media/
] as const;
export type EndpointClass = (typeof ENDPOINT_CLASSES)[number];

/** Requests per sliding minute, per operation (recall-api.md §8.3; create uses the newer 120). */
export const RATE_LIMITS: Readonly<Record<Exclude<EndpointClass, 'media'>, number>> = {
  create: 120,
  list: 60,
  retrieve: 300,
  control: 300,
  artifact_list: 60,
  artifact_retrieve: 300,
};
