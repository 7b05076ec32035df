/** The URL of a lesson and back: the one place that knows the route shape /lessons/<id>/. */

export function lessonPath(id: string): string {
  return `/lessons/${id}/`;
}

/** The lesson id of a page path, or the path itself for pages that are not lessons. */
export function lessonIdFromPath(pathname: string): string {
  return /^\/lessons\/([^/]+)\/?$/.exec(pathname)?.[1] ?? pathname;
}
