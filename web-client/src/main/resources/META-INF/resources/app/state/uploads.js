// Files attached in the composer: each uploads at once, its progress, result or error kept on it.
import { api } from '../services/api.js';

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Starts uploading `files`; `changed()` is called whenever one progresses, finishes or fails. */
export function startUploads(files, changed) {
  return files.map((file) => {
    const upload = { file, progress: 0, preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null };
    if (file.size > MAX_UPLOAD_BYTES) {
      upload.error = 'Too large: files may be up to 10 MB.';
      return upload;
    }
    const update = (fields) => {
      Object.assign(upload, fields);
      changed();
    };
    api.upload(file, (progress) => update({ progress }))
      .then((attachment) => update({ attachment, progress: 1 }))
      .catch((error) => update({ error: error.message }));
    return upload;
  });
}

/** The upload is taken off the composer: its preview's memory goes. */
export function forgetUpload(upload) {
  if (upload.preview) {
    URL.revokeObjectURL(upload.preview);
  }
}
