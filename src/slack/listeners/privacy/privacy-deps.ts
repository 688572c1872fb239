import type { PrivacyServiceDeps } from '../../../domain/privacy/privacy.service.ts';
import { createPgPrivacyRepository } from '../../../persistence/pg-privacy.repository.ts';
import type { ListenerDeps } from '../listener-deps.ts';

export function privacyServiceDeps(deps: ListenerDeps): PrivacyServiceDeps {
  return { privacy: createPgPrivacyRepository(deps.db), clock: deps.clock };
}
