using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Imaging.Api.Workspace;

/// <summary>The OpenAPI document of the API (<c>GET /openapi/v1.json</c>): the workspace endpoints describe themselves;
/// the studies endpoints of <see cref="ImagingApiEndpoints"/> get their summaries, parameters and responses here, by
/// endpoint name, so that file stays as it is.</summary>
public static class WorkspaceOpenApi
{
    public const string DocumentName = "v1";

    private static readonly Dictionary<string, (string Summary, Type Body, QueryParameterDocs? Query, int[] Problems)> Existing = new(StringComparer.Ordinal)
    {
        ["ListStudies"] = ("List studies by patient ID, modality and study date, newest first", typeof(StudyListResponse), new QueryParameterDocs([
            new("patientId", "string", "Exact patient ID."),
            new("modality", "string", "A modality in the study, e.g. CT, MR, NM."),
            new("from", "string", "Study date from (yyyy-MM-dd or yyyyMMdd), inclusive."),
            new("to", "string", "Study date to, inclusive."),
            new("limit", "integer", $"Page size, 1 to {StudyListParameters.MaximumLimit} (default {StudyListParameters.DefaultLimit})."),
            new("offset", "integer", "Items to skip.")]), [400, 503]),
        ["GetStudy"] = ("One study with its series", typeof(StudyDetail), null, [400, 404, 503]),
        ["GetSeriesFindings"] = ("A series' readiness and every findings record of it", typeof(SeriesFindingsResponse), null, [400, 404, 503]),
    };

    /// <summary>Registers the document with its transformers.</summary>
    public static IServiceCollection AddImagingOpenApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Imaging API",
                    Version = DocumentName,
                    Description = "Studies, findings, the radiologist workspace (patients, timelines, comparisons, finding searches) and research rows. "
                        + "Errors are RFC 7807 problem details.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeAsync);
        });
        return services;
    }

    /// <summary>Maps <c>GET /openapi/v1.json</c>.</summary>
    public static IEndpointConventionBuilder MapImagingOpenApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapOpenApi("/openapi/{documentName}.json");
    }

    private static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var docs = metadata.OfType<QueryParameterDocs>().LastOrDefault();
        var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        if (name is not null && Existing.TryGetValue(name, out var existing))
        {
            operation.Summary ??= existing.Summary;
            docs ??= existing.Query;
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "OK",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(existing.Body, null, cancellationToken) },
                },
            };
            foreach (var status in existing.Problems)
            {
                var type = status == 400 ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
                operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
                {
                    Description = status switch { 400 => "Bad Request", 404 => "Not Found", _ => "Service Unavailable" },
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken) },
                    },
                };
            }
        }
        if (docs is null) return;
        operation.Parameters ??= [];
        foreach (var parameter in docs.Parameters)
        {
            if (operation.Parameters.Any(p => p.Name == parameter.Name && p.In == ParameterLocation.Query)) continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Required = false,
                Description = parameter.Description,
                Schema = new OpenApiSchema
                {
                    Type = parameter.Type switch { "integer" => JsonSchemaType.Integer, "boolean" => JsonSchemaType.Boolean, _ => JsonSchemaType.String },
                },
            });
        }
    }
}
