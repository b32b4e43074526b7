import type { Method } from '../contract/api';
import { verifyDocument } from '../export/signature';
import type { Area, HandlerPart } from './types';

// The store's issuing keys and the verification of a document against them.

type SigningMethod = Extract<Method, `signing.${string}` | `documents.${string}`>;

export function createSigningHandlers({ stores }: Area): HandlerPart<SigningMethod> {
  return {
    'signing.keys': () => stores.signingKeys.publicKeys(),
    'documents.verify': ({ fileBase64 }) => verifyDocument(Buffer.from(fileBase64, 'base64'), stores.signingKeys.trusted()),
  };
}
