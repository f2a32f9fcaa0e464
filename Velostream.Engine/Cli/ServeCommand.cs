using Microsoft.Extensions.DependencyInjection;
using Velostream.Engine.Api;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Cli;

/// <summary>
/// <c>serve [app.sql…] [--embedded-kafka] [host options]</c>: the long-running job server with its
/// HTTP API. Arguments that are not SQL files go to the web host (<c>--urls</c>, configuration).
/// </summary>
internal static class ServeCommand
{
    public const string Usage =
        "usage: Velostream.Engine serve [<app.sql>...] [--embedded-kafka] [--urls <url>] [--<Key>=<value>...]\n" +
        "  --embedded-kafka         run an in-memory Kafka broker in this process (also the default without ConnectionStrings:kafka)\n" +
        "  --urls <url>             where the HTTP API listens\n" +
        "  --<Key>=<value>          any configuration key, e.g. --ConnectionStrings:kafka=localhost:9092 --Velostream:ApiKey=<secret>";

    public static int Run(string[] args)
    {
        // --enable-tracing, --otlp-endpoint, --sampling-ratio become host configuration (AddServiceDefaults reads it).
        var telemetryOptions = TelemetryCommandLine.Parse(args);
        foreach (var error in telemetryOptions.Errors)
        {
            Console.Error.WriteLine($"serve: {error}");
        }
        if (telemetryOptions.Errors.Count > 0)
        {
            return CommandLine.InvalidInput;
        }
        args = [.. telemetryOptions.RemainingArguments, .. telemetryOptions.Configuration.Select(c => $"--{c.Key}={c.Value}")];
        var applications = args.Where(a => a.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)).ToList();
        var missing = applications.Where(a => !File.Exists(a)).ToList();
        if (missing.Count > 0)
        {
            foreach (var path in missing)
            {
                Console.Error.WriteLine($"{path}: error: file not found");
            }
            return CommandLine.InvalidInput;
        }
        var embedded = args.Contains("--embedded-kafka");
        var hostArgs = args.Where(a => a != "--embedded-kafka" && !applications.Contains(a)).ToArray();
        try
        {
            using var app = JobServer.Build(hostArgs, applications, embedded, new TelemetryJobObserver(VelostreamTelemetry.Default));
            // The web host handles Ctrl+C and SIGTERM: it stops the jobs (flush, commit), each waiting
            // for the broker at most 5 s; the stop deadline ends the process if anything still blocks.
            app.Lifetime.ApplicationStopping.Register(() => StopDeadline.Arm("serve"));
            // Resolved before Run, which disposes the services when it returns.
            var host = app.Services.GetRequiredService<JobHost>();
            app.Run();
            var problems = host.StopProblems;
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"serve: {problem}");
            }
            if (problems.Count > 0)
            {
                return CommandLine.RuntimeFailure;
            }
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"serve: {e.Message}");
            return CommandLine.InvalidInput;
        }
        return CommandLine.Success;
    }
}
