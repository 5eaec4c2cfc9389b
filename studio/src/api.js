// The studio server's HTTP API: every request carries the page's token.

export const token = new URLSearchParams(location.search).get("token") || "";

export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** A JSON request; resolves to the parsed body (null when there is none). */
export async function api(method, url, body) {
  const headers = { "X-Token": token };
  const init = { method, headers, cache: "no-store" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError("The studio server cannot be reached. Is exec-report serve still running?", 0, null);
  }
  const type = res.headers.get("Content-Type") || "";
  let data = null;
  if (type.includes("json")) data = await res.json().catch(() => null);
  else await res.text().catch(() => "");
  if (!res.ok) {
    const message = (data && data.error) || `The server answered ${res.status} ${res.statusText}`.trim();
    throw new ApiError(message, res.status, data);
  }
  return data;
}

/** A query string from an object, token not included. */
export function query(params) {
  return new URLSearchParams(params).toString();
}

/** A URL with the token in its query, for EventSource and images. */
export function withToken(url) {
  return url + (url.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token);
}
