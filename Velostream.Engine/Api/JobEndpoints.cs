using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Api;

/// <summary>
/// The job server's HTTP API: list and inspect jobs, deploy an application (its SQL text as the
/// request body), stop a job. Every answer is bounded: the body is read up to
/// <see cref="ApplicationLimits.MaxBytes"/>, at most <see cref="DiagnosticLimits.MaxReported"/> errors are returned.
/// </summary>
internal static class JobEndpoints
{
    /// <summary>Media types whose body is the application's SQL text.</summary>
    private static readonly string[] SqlMediaTypes = ["text/plain", "application/sql"];

    private const string JsonMediaType = "application/json";

    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder routes)
    {
        var jobs = routes.MapGroup("/jobs");
        jobs.MapGet("/", (JobHost host, DataRoot dataRoot) => Results.Ok(host.Jobs.Select(job => JobView.Of(job, dataRoot))));
        jobs.MapGet("/{name}", (string name, JobHost host, DataRoot dataRoot) =>
            host.Find(name) is { } job ? Results.Ok(JobView.Of(job, dataRoot)) : Results.NotFound());
        jobs.MapPost("/", DeployAsync);
        jobs.MapDelete("/{name}", async (string name, JobHost host) =>
            await host.RemoveAsync(name) ? Results.NoContent() : Results.NotFound());
        // Reading too: a job's errors and names say what the server reads and writes.
        jobs.AddEndpointFilter<ApiKeyFilter>();
        return routes;
    }

    private static async Task<IResult> DeployAsync(HttpRequest request, JobHost host, DataRoot dataRoot)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        var isJson = string.Equals(mediaType, JsonMediaType, StringComparison.OrdinalIgnoreCase);
        if (request.ContentType is not null && !isJson && !SqlMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "send the application's SQL as text/plain or application/sql, or JSON {\"sql\": \"…\"}");
        }
        if (request.ContentLength > ApplicationLimits.MaxBytes || await ReadBoundedAsync(request) is not { } body)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: ApplicationLimits.TooLargeMessage);
        }

        var fileName = request.Query["name"].ToString() is { Length: > 0 } name ? name : "request.sql";
        var text = Encoding.UTF8.GetString(body);
        if (isJson)
        {
            if (SqlFromJson(body) is not { } sql)
            {
                return Results.BadRequest(new ApiErrors([new ApiError(fileName, 1, 1, "expected a JSON object {\"sql\": \"<the application's SQL>\"}")], 0));
            }
            text = sql;
        }
        // A posted application's files stay under the data root.
        var result = await host.DeployFromApiAsync(text, fileName, dataRoot);
        if (result.Conflict is not null)
        {
            return Results.Conflict(new { error = result.Conflict });
        }
        if (result.Unavailable is not null)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: result.Unavailable);
        }
        if (!result.Succeeded)
        {
            var (shown, more) = DiagnosticLimits.Limit(result.Diagnostics, result.Omitted);
            return Results.BadRequest(new ApiErrors(
                shown.Select(d => new ApiError(d.Location.File, d.Location.Line, d.Location.Column, d.Message)).ToList(), more));
        }
        return Results.Created($"/jobs/{result.Jobs[0]}", new { jobs = result.Jobs });
    }

    /// <summary>The request body, or null when it is longer than <see cref="ApplicationLimits.MaxBytes"/> (read no further).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > ApplicationLimits.MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string? SqlFromJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("sql", out var sql) && sql.ValueKind == JsonValueKind.String
                ? sql.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
