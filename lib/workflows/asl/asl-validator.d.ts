/** Types for asl-validator@4, which ships none (dist/src/validator.js is `module.exports = function`). */
declare module "asl-validator" {
  interface AslValidatorError {
    "Error code": string;
    Message: string;
    /** Present on SCHEMA_VALIDATION_FAILED: where in the definition (a JSON pointer) and which schema rule. */
    schemaError?: { instancePath: string; schemaPath: string };
  }
  interface AslValidatorOptions {
    checkPaths: boolean;
    checkArn: boolean;
  }
  function validator(
    definition: unknown,
    options?: AslValidatorOptions,
  ): { isValid: boolean; errors: AslValidatorError[]; errorsText(separator?: string): string };
  export = validator;
}
