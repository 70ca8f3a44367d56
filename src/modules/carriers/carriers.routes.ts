// GET /carriers: the MCC+MNC list.
import { Type } from '@sinclair/typebox';
import type { App } from '../../app/http.js';
import { errorResponses, MccMnc, Page, PageQuery } from '../../app/schemas.js';
import { CarrierRow } from './carriers.repository.js';
import type { CarriersService } from './carriers.usecases.js';

export function carrierRoutes(carriers: CarriersService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['carriers'], summary, security: [{ apiKey: [] }] });
    app.get(
      '/carriers',
      {
        config: { access: 'read', tenant: 'none' },
        schema: {
          operationId: 'listCarriers',
          ...admin('Carriers by MCC+MNC (ITU list via mcc-mnc-list), filtered by MCC, country or text'),
          querystring: Type.Object({
            ...PageQuery,
            mcc: Type.Optional(Type.String({ pattern: '^[0-9]{3}$' })),
            country_code: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$' })),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          }),
          response: { 200: Page(CarrierRow), ...errorResponses(400, 401) },
        },
      },
      async (req) => carriers.list(req.query),
    );
    app.get(
      '/carriers/:mcc_mnc',
      {
        config: { access: 'read', tenant: 'none' },
        schema: {
          operationId: 'getCarrier',
          ...admin('One carrier'),
          params: Type.Object({ mcc_mnc: MccMnc }),
          response: { 200: CarrierRow, ...errorResponses(400, 401, 404) },
        },
      },
      async (req) => carriers.get(req.params.mcc_mnc),
    );
  };
}
