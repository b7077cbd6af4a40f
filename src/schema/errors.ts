/** The error types of the schema, one per row of `errorTable` (`src/errors.ts`). */
import { errorTable, type ErrorDetail, type ErrorRow, type UpstreamHttpError } from '../errors.js';
import { builder, type BuilderTypes } from './builder.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Every way a command can fail, as data: select `message` on it to handle any failure.',
  fields: (t) => ({
    message: t.exposeString('message', { nullable: false, description: 'What went wrong, for people.' }),
  }),
});

// Error types are value types that company subgraphs often define too (`ValidationError`,
// `NotFoundError`): shareable, so that compatible definitions compose in a supergraph.

const ErrorDetailType = builder.objectRef<ErrorDetail>('ErrorDetail').implement({
  description: "One entry of the Engagement Center's `ErrorResponse.errors`.",
  shareable: true,
  fields: (t) => ({
    scope: t.exposeString('scope', { nullable: true, description: 'Where the error applies, as the API reports it.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, as the API reports it.' }),
    message: t.exposeString('message', { nullable: true, description: 'A text about this entry, as the API reports it.' }),
  }),
});

export const UpstreamErrorInterface = builder.interfaceRef<UpstreamHttpError>('UpstreamError').implement({
  description: 'The Engagement Center answered with an HTTP error status.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    message: t.exposeString('message', {
      nullable: false,
      description: "The API's `ErrorResponse.message`, else the standard reason phrase of the status.",
    }),
    status: t.exposeInt('status', { nullable: false, description: 'The HTTP status of the answer.' }),
    details: t.field({
      type: [ErrorDetailType],
      nullable: false,
      description: "The API's `ErrorResponse.errors`; empty when it gave none.",
      resolve: (error) => error.details,
    }),
  }),
});

// The table's types check that a row names `retryAfterSeconds` or a string field only where its
// class carries it; read here without knowing the class.
const retryAfterOf = (error: Error): number | null => {
  const value: unknown = Reflect.get(error, 'retryAfterSeconds');
  return typeof value === 'number' ? value : null;
};
const stringOf = (error: Error, name: string): string | null => {
  const value: unknown = Reflect.get(error, name);
  return typeof value === 'string' ? value : null;
};

type FieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Error>;

/** The fields a row adds to those of its interfaces. */
function rowFields(row: ErrorRow, t: FieldBuilder) {
  return {
    ...(row.retryAfterSeconds === null
      ? {}
      : { retryAfterSeconds: t.int({ nullable: true, description: row.retryAfterSeconds, resolve: retryAfterOf }) }),
    ...Object.fromEntries(
      Object.entries(row.stringFields).map(([name, description]) => [
        name,
        t.string({ nullable: true, description, resolve: (error) => stringOf(error, name) }),
      ]),
    ),
  };
}

for (const row of errorTable) {
  const common = { name: row.typeName, description: row.description, shareable: true } as const;
  if (row.status === null) {
    builder.objectType(row.errorClass, { ...common, interfaces: [ErrorInterface], fields: (t) => rowFields(row, t) });
  } else {
    builder.objectType(row.errorClass, { ...common, interfaces: [ErrorInterface, UpstreamErrorInterface], fields: (t) => rowFields(row, t) });
  }
}
