namespace Imaging.Api.Workspace;

/// <summary>Endpoint metadata documenting query parameters the handler parses by hand (so that every bad value gets a
/// problem naming it); the OpenAPI operation transformer turns it into the operation's parameters.</summary>
internal sealed record QueryParameterDocs(IReadOnlyList<QueryParameterDoc> Parameters);

/// <summary>One documented query parameter; <paramref name="Type"/> is a JSON schema type: string, integer or boolean.</summary>
internal sealed record QueryParameterDoc(string Name, string Type, string Description);
