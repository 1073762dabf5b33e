// Public surface of preview: the `recall-media://` request handler and the choice between the
// local file and a fresh pre-signed URL.
export * from './media-scheme';
export * from './byte-range';
export * from './preview-handler';
export * from './preview-source';
