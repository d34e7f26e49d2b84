/**
 * CloudFront Function (viewer request, cloudfront-js-2.0) of the portal behaviour: a path without
 * a file extension is a client-side route and gets index.html. It does this instead of custom
 * error responses because those apply to the whole distribution — they would turn the API's own
 * 403 and 404 answers into the SPA page with status 200.
 */
export const SPA_REWRITE_SOURCE = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;
