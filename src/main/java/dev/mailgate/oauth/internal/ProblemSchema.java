package dev.mailgate.oauth.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The RFC 9457 problem every API error answers with ({@code application/problem+json}),
 * for the OpenAPI document only. A 400 names the wrong properties.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem: every error of the API")
record ProblemSchema(
		@Schema(description = "Names the kind of problem; `about:blank` when the status says it all",
				example = "about:blank") String type,
		@Schema(description = "The status in words", example = "Bad Request") String title,
		@Schema(description = "The HTTP status", example = "400") int status,
		@Schema(description = "What went wrong, in plain language",
				example = "fields.company_size: expected a number") String detail,
		@Schema(description = "The path of the request") String instance,
		@Schema(description = "In a 400: the first wrong property (`body` for the body as a whole)",
				example = "fields.company_size") String field,
		@ArraySchema(arraySchema = @Schema(description = "In a 400: every wrong property")) List<FieldError> errors) {

	@Schema(name = "FieldError", description = "One wrong property")
	record FieldError(
			@Schema(description = "Where, as a path such as `contacts[3].email`",
					example = "fields.company_size") String field,
			@Schema(description = "What is wrong with it", example = "expected a number") String detail) {
	}

}
