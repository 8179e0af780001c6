// Every GraphQL document of the console is checked against the committed schema and typed from it,
// so a schema change that breaks the console fails `npm run check` (and so the build and the test suite).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.ts', 'src/**/*.tsx', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  errorsOnly: false,
  silent: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Documents travel as plain strings: no GraphQL parser in the bundle.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
        strictScalars: false,
      },
    },
  },
};

export default config;
