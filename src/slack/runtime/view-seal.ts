import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A modal's `private_metadata` comes back in the submission, which anyone holding a signed request
 * could forge. Every modal that carries an id in it is sealed: the metadata is followed by an HMAC
 * over the workspace, the person it was opened for and the modal's callback id, so a submission only
 * gets back metadata the app itself wrote for that person and that modal.
 * Format: `<metadata>.<tag>` where tag is 16 bytes of HMAC-SHA256, base64url (22 characters).
 */
export interface ViewSeal {
  seal(metadata: string, scope: SealScope): string;
  /** The metadata the app wrote, or undefined when the tag is missing or does not match. */
  open(sealed: string | undefined, scope: SealScope): string | undefined;
}

export interface SealScope {
  workspaceId: string;
  userId: string;
  callbackId: string;
}

const TAG_CHARS = 22;

export function createViewSeal(secret: string): ViewSeal {
  // A key of its own, derived from the app's secret, so a tag here is useless anywhere else.
  const key = createHmac('sha256', secret).update('trust-habits/view-metadata/v1').digest();
  const tag = (metadata: string, s: SealScope) =>
    createHmac('sha256', key)
      .update([s.workspaceId, s.userId, s.callbackId, metadata].join('\n'))
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  return {
    seal: (metadata, scope) => `${metadata}.${tag(metadata, scope)}`,
    open(sealed, scope) {
      if (typeof sealed !== 'string' || sealed.length <= TAG_CHARS + 1) return undefined;
      const metadata = sealed.slice(0, -(TAG_CHARS + 1));
      const given = Buffer.from(sealed.slice(-(TAG_CHARS + 1)), 'utf8');
      const expected = Buffer.from(`.${tag(metadata, scope)}`, 'utf8');
      return given.length === expected.length && timingSafeEqual(given, expected) ? metadata : undefined;
    },
  };
}

/** The same modal with its private_metadata sealed for the person it is opened for. */
export function sealedView<V extends { callback_id?: string; private_metadata?: string }>(
  seal: ViewSeal,
  view: V,
  who: { workspaceId: string; userId: string },
): V {
  if (view.private_metadata === undefined || view.callback_id === undefined) return view;
  return {
    ...view,
    private_metadata: seal.seal(view.private_metadata, { ...who, callbackId: view.callback_id }),
  };
}
