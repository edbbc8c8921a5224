"use client";

import { useState } from "react";

export interface UploadedFileRef {
  uuid: string;
  name: string;
}

/**
 * Uploads through the API with the session cookie, showing progress (XMLHttpRequest reports
 * upload progress; fetch does not). Size is checked before sending; the server's answer is final.
 */
export function FileUploader({ files, onChange, maxBytes, errors }: {
  files: UploadedFileRef[];
  onChange: (files: UploadedFileRef[]) => void;
  maxBytes: number;
  errors?: string[];
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function upload(file: File) {
    setError(null);
    if (file.size > maxBytes) {
      setError(`“${file.name}” is ${(file.size / 1048576).toFixed(1)} MiB; the limit is ${(maxBytes / 1048576).toFixed(0)} MiB.`);
      return;
    }
    const body = new FormData();
    body.append("file", file);
    body.append("filename", file.name);
    const request = new XMLHttpRequest();
    request.open("POST", "/api/timp/organizations/files/upload/");
    request.upload.onprogress = (event) => event.lengthComputable && setProgress(Math.round((event.loaded / event.total) * 100));
    request.onload = () => {
      setProgress(null);
      if (request.status === 201) {
        onChange([...files, { uuid: JSON.parse(request.responseText).uuid, name: file.name }]);
        return;
      }
      try {
        const answer = JSON.parse(request.responseText);
        setError(answer.detail ?? Object.values(answer).flat().join(" "));
      } catch {
        setError(`The upload failed (${request.status}).`);
      }
    };
    request.onerror = () => {
      setProgress(null);
      setError("The upload failed: check your connection and try again.");
    };
    request.send(body);
  }

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="sample-file" className="text-sm font-medium">Sample files</label>
      <input
        id="sample-file"
        type="file"
        aria-describedby="sample-file-status"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) upload(file);
          event.target.value = "";
        }}
        className="text-sm"
      />
      <div id="sample-file-status" aria-live="polite" className="text-sm">
        {progress !== null && <progress max={100} value={progress} aria-label="Upload progress" className="w-48" />}
        {error && <p className="text-red-700" data-testid="upload-error">{error}</p>}
        {errors?.length ? <p className="text-red-700">{errors.join(" ")}</p> : null}
      </div>
      {files.length > 0 && (
        <ul className="flex flex-col gap-1 text-sm" data-testid="uploaded-files">
          {files.map((file) => (
            <li key={file.uuid} className="flex items-center gap-2">
              <span>{file.name}</span>
              <button type="button" className="text-red-700 underline" onClick={() => onChange(files.filter((f) => f.uuid !== file.uuid))}>
                Remove<span className="sr-only"> {file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
