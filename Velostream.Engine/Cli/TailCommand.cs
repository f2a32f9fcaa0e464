using Velostream.Engine.Kafka;
using Velostream.Engine.Tail;

namespace Velostream.Engine.Cli;

/// <summary><c>tail</c>: prints records from Kafka topics (the demo's alert monitor).</summary>
internal static class TailCommand
{
    public static int Run(string[] args)
    {
        var errors = new List<string>();
        var options = TailOptions.Parse(args, errors);
        var bootstrap = options?.BootstrapServers ?? KafkaConnection.BootstrapServers(KafkaConnection.FromEnvironment());
        if (options is not null && bootstrap is null)
        {
            errors.Add("no Kafka bootstrap servers: set ConnectionStrings__kafka or pass --bootstrap-servers");
        }
        if (options is null || bootstrap is null)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"tail: {error}");
            }
            Console.Error.WriteLine(TailOptions.Usage);
            return CommandLine.InvalidInput;
        }
        using var stop = new StopSignal();
        var tail = new TopicTail(options, bootstrap);
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
