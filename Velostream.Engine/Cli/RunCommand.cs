using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Cli;

/// <summary>
/// <c>run &lt;app.sql&gt;</c>: validates the application (errors are printed exactly as
/// <c>validate</c> prints them, exit 2), then runs every statement as a job, concurrently. Bare
/// SELECT results go to standard output as JSON lines; diagnostics and the closing summary (one
/// <c>job &lt;name&gt;: in=N out=N failed=N late=N</c> line per job) go to standard error. Exit 0 when
/// every job completed (all sources bounded, every sink flushed), 1 when any job failed.
/// </summary>
internal static class RunCommand
{
    public const string Usage = "usage: Velostream.Engine run <app.sql>";

    public static int Run(string[] args)
    {
        // --enable-tracing, --otlp-endpoint, --sampling-ratio; the jobs are traced through the observer.
        var telemetryOptions = TelemetryCommandLine.Parse(args);
        IReadOnlyList<string> invalid = telemetryOptions.Errors;
        using var telemetry = invalid.Count == 0 ? TelemetryHost.Start("velostream-engine", telemetryOptions.Configuration, out invalid) : null;
        if (invalid.Count > 0)
        {
            foreach (var error in invalid)
            {
                Console.Error.WriteLine($"run: {error}");
            }
            return CommandLine.InvalidInput;
        }
        // Ctrl+C and SIGTERM stop cleanly (flush and commit), within 10 s whatever the broker does.
        using var stop = new StopSignal("run");
        return Run(telemetryOptions.RemainingArguments, Console.OpenStandardOutput(), Console.Out, Console.Error, ConnectorRegistry.CreateDefault(VelostreamTelemetry.Default), stop.Token,
            new TelemetryJobObserver(VelostreamTelemetry.Default));
    }

    public static int Run(string[] args, Stream data, TextWriter output, TextWriter errors, ConnectorRegistry registry, CancellationToken cancellationToken,
        JobObserver? observer = null)
    {
        if (CommandLine.ArgumentProblem("run", args) is { } problem)
        {
            errors.WriteLine(problem);
            errors.WriteLine(Usage);
            return CommandLine.InvalidInput;
        }
        var path = args[0];
        if (ApplicationFile.Load(path, output) is not { } check)
        {
            return CommandLine.InvalidInput;
        }

        var options = new JobOptions
        {
            BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)),
            AppName = check.Application.Name,
            StandardOutput = data,
            Log = TextWriter.Synchronized(errors),
            Observer = observer ?? JobObserver.None,
        };
        var runners = ApplicationJobs.Create(check.Statements, registry, options);

        Task.WhenAll(runners.Select(r => r.Start(cancellationToken))).GetAwaiter().GetResult();
        data.Flush();

        var failed = false;
        foreach (var runner in runners)
        {
            if (runner.Stats.State == JobState.Failed)
            {
                failed = true;
                errors.WriteLine($"job {runner.Name}: error: {runner.Stats.LastError}");
            }
        }
        foreach (var runner in runners)
        {
            errors.WriteLine(runner.Stats.Summary(runner.Name));
        }
        errors.Flush();
        return failed ? CommandLine.RuntimeFailure : CommandLine.Success;
    }
}
