using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace OrderStreams.Hosting.Problems;

/// <summary>How every problem+json body is finished, and the one written for an unhandled exception.</summary>
internal static class ProblemResponses
{
    public const string UnhandledMessage = "An unexpected error occurred; the service log has the details.";

    /// <summary>
    /// Adds <c>traceId</c> (to find the log lines), a <c>detail</c> message where there is none (status code pages),
    /// and drops anything that could carry exception details.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("exception");
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        problem.Detail ??= DefaultDetail(context.HttpContext.Request, problem.Status ?? context.HttpContext.Response.StatusCode);
    }

    private static string DefaultDetail(HttpRequest request, int status) => status switch
    {
        StatusCodes.Status404NotFound => $"Nothing at {request.Method} {request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
        _ => $"{ReasonPhrases.GetReasonPhrase(status)}.",
    };

    /// <summary>
    /// 500 with a fixed message: the exception itself is logged by the exception handler middleware, never sent.
    /// A bad request (malformed body or parameters) keeps its 4xx status and framework message, which names no internals.
    /// </summary>
    public static async Task WriteUnhandled(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, message) = error is BadHttpRequestException bad
            ? (bad.StatusCode, bad.Message)
            : (StatusCodes.Status500InternalServerError, UnhandledMessage);
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = message },
        });
    }
}
