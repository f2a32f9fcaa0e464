using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Velostream.Engine.Api;

/// <summary>
/// The job server's HTTP API: list and inspect jobs, deploy an application (its SQL text as the
/// request body), stop a job.
/// </summary>
internal static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder routes)
    {
        var jobs = routes.MapGroup("/jobs");
        jobs.MapGet("/", (JobHost host) => Results.Ok(host.Jobs.Select(JobView.Of)));
        jobs.MapGet("/{name}", (string name, JobHost host) =>
            host.Find(name) is { } job ? Results.Ok(JobView.Of(job)) : Results.NotFound());
        jobs.MapPost("/", DeployAsync).AddEndpointFilter<ApiKeyFilter>();
        jobs.MapDelete("/{name}", async (string name, JobHost host) =>
            await host.RemoveAsync(name) ? Results.NoContent() : Results.NotFound()).AddEndpointFilter<ApiKeyFilter>();
        return routes;
    }

    private static async Task<IResult> DeployAsync(HttpRequest request, JobHost host, IConfiguration configuration)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var fileName = request.Query["name"].ToString() is { Length: > 0 } name ? name : "request.sql";
        // Relative connector paths in a posted application resolve against the server's folder.
        var baseDirectory = configuration["Velostream:ApplicationDirectory"] ?? Directory.GetCurrentDirectory();
        var result = host.Deploy(text, fileName, baseDirectory);
        if (result.Conflict is not null)
        {
            return Results.Conflict(new { error = result.Conflict });
        }
        if (!result.Succeeded)
        {
            return Results.BadRequest(new
            {
                errors = result.Diagnostics.Select(d => new ApiError(d.Location.File, d.Location.Line, d.Location.Column, d.Message)),
            });
        }
        return Results.Created($"/jobs/{result.Jobs[0]}", new { jobs = result.Jobs });
    }
}
