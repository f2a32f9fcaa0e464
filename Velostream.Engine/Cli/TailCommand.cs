using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Demo.Tail;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Cli;

/// <summary><c>tail</c>: prints records from Kafka topics (the demo's alert monitor).</summary>
internal static class TailCommand
{
    public static int Run(string[] args)
    {
        var telemetryOptions = TelemetryCommandLine.Parse(args);
        args = telemetryOptions.RemainingArguments;
        var errors = new List<string>(telemetryOptions.Errors);
        var options = TailOptions.Parse(args, errors);
        var bootstrap = options?.BootstrapServers ?? KafkaConnection.BootstrapServers(KafkaConnection.FromEnvironment());
        if (options is not null && bootstrap is null)
        {
            errors.Add("no Kafka bootstrap servers: set ConnectionStrings__kafka or pass --bootstrap-servers");
        }
        if (options is null || bootstrap is null || errors.Count > 0)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"tail: {error}");
            }
            Console.Error.WriteLine(TailOptions.Usage);
            Console.Error.WriteLine(TelemetryCommandLine.Usage);
            return CommandLine.InvalidInput;
        }
        using var telemetry = TelemetryHost.Start("velostream-tail", telemetryOptions.Configuration, out var telemetryErrors);
        if (telemetry is null)
        {
            foreach (var error in telemetryErrors)
            {
                Console.Error.WriteLine($"tail: {error}");
            }
            return CommandLine.InvalidInput;
        }
        using var stop = new StopSignal("tail");
        var tail = new TopicTail(options, bootstrap, VelostreamTelemetry.Default);
        try
        {
            tail.RunAsync(new RecordPrinter(options.Format, Console.Out), stop.Token).GetAwaiter().GetResult();
        }
        catch (Confluent.Kafka.KafkaException e)
        {
            Console.Error.WriteLine($"tail: {e.Message}");
            return CommandLine.RuntimeFailure;
        }
        return CommandLine.Success;
    }
}
