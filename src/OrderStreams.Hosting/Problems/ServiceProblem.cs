using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderStreams.Streams;

namespace OrderStreams.Hosting.Problems;

/// <summary>
/// Error results with our conventions: an <c>application/problem+json</c> body whose <c>detail</c> is a short
/// message for the caller, <c>title</c> and <c>type</c> from the status code, and the request's <c>traceId</c>.
/// </summary>
/// <example><c>app.MapGet("/orders/{id}", (string id) => store.Find(id) is { } o ? Results.Ok(o) : ServiceProblem.NotFound($"No order {id}."));</c></example>
public static class ServiceProblem
{
    public static ProblemHttpResult BadRequest(string message) => Status(StatusCodes.Status400BadRequest, message);

    public static ProblemHttpResult NotFound(string message) => Status(StatusCodes.Status404NotFound, message);

    public static ProblemHttpResult Conflict(string message) => Status(StatusCodes.Status409Conflict, message);

    /// <summary>503: the service cannot answer yet (e.g. its state is still restoring); the caller may retry.</summary>
    public static ProblemHttpResult Unavailable(string message) => Status(StatusCodes.Status503ServiceUnavailable, message);

    /// <summary>
    /// 503 for a store query that touched partitions still restoring from their changelogs: <c>restoring</c> lists
    /// each one (<c>store</c>, <c>partition</c>, <c>restored</c>, <c>toRestore</c>) so the caller sees how far along it is.
    /// </summary>
    public static ProblemHttpResult Restoring(string message, IReadOnlyList<RestoreProgress> progress) =>
        TypedResults.Problem(
            detail: message,
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["restoring"] = progress });

    public static ProblemHttpResult Status(int statusCode, string message) =>
        TypedResults.Problem(detail: message, statusCode: statusCode);

    /// <summary>400 with the invalid fields: <c>errors</c> maps each field to its messages.</summary>
    public static ValidationProblem Invalid(string message, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: message);
}
