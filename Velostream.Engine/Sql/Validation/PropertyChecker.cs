using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// Interprets a statement's WITH clause: each FROM/JOIN source and the statement's sink must name
/// a known connector type of the right role with its required properties; known job-level keys
/// must have valid values. Keys it does not know are left for the connectors (librdkafka settings).
/// </summary>
internal static class PropertyChecker
{
    /// <returns>The configured sources; the sink; the settings; and, aligned with the statement's sources, the
    /// other statement each unconfigured source reads the output of (null for a configured source).</returns>
    public static (List<EndpointConfig> Sources, EndpointConfig? Sink, JobSettings Settings, List<Statement?> Upstream) Check(StatementContext context)
    {
        var statement = context.Statement;
        var properties = statement.Properties;
        var sources = new List<EndpointConfig>();
        var upstream = new List<Statement?>();
        foreach (var source in context.Sources)
        {
            var config = Endpoint(context, source.Name, ConnectorRole.Source, required: true);
            if (config is not null)
            {
                sources.Add(sources.Count == 0 ? WithJobEventTimeField(config, properties) : config);
            }
            upstream.Add(config is null ? context.ProducerOf(source.Name.Name) : null);
        }

        EndpointConfig? sink = null;
        if (statement.Target is { } target)
        {
            sink = Endpoint(context, target, ConnectorRole.Sink, required: statement is CreateStreamStatement or InsertStatement);
        }
        var settings = Settings(context, properties);
        CheckTransactions(context, properties, sources, sink, settings);
        return (sources, sink, settings, upstream);
    }

    /// <summary>
    /// <c>'use_transactions' = 'true'</c> puts the outputs, dead letters and source offsets into one Kafka
    /// transaction: every source, the sink and the dead letters must be Kafka topics.
    /// </summary>
    private static void CheckTransactions(StatementContext context, PropertyList properties, List<EndpointConfig> sources, EndpointConfig? sink, JobSettings settings)
    {
        if (settings.UseTransactions != true || properties.Find(JobKeys.UseTransactions) is not { } property)
        {
            return;
        }
        const string Needs = "'use_transactions' = 'true' needs Kafka sources and a Kafka sink";
        foreach (var source in sources.Where(s => s.Type.Name != ConnectorCatalog.KafkaSource))
        {
            context.Error(property.ValueLocation, $"{Needs}: source '{source.Name}' is a {source.Type.Name}, whose position cannot be part of a Kafka transaction");
        }
        if (sink is null || sink.Type.Name != ConnectorCatalog.KafkaSink)
        {
            var where = sink is null ? "standard output" : $"'{sink.Name}', a {sink.Type.Name}";
            context.Error(property.ValueLocation, $"{Needs}: the output goes to {where}, outside any Kafka transaction");
        }
        if (settings.DeadLetterPath is { } path)
        {
            context.Error(property.ValueLocation,
                $"{Needs}: dead letters go to the file '{path}', outside the transaction; without '{context.Statement.JobName}.{JobKeys.DeadLetterPath}' they go to the job's dead-letter topic");
        }
    }

    private static EndpointConfig? Endpoint(StatementContext context, Identifier name, ConnectorRole role, bool required)
    {
        var properties = context.Statement.Properties;
        if (!context.Query.HasFrom && ReferenceEquals(name, context.Query.From.Name))
        {
            return new EndpointConfig(name.Name, ConnectorCatalog.OneRow, []);
        }
        if (role == ConnectorRole.Source && ReferenceEquals(name, context.Query.From.Name))
        {
            var problems = new List<string>();
            properties = JobConfigFile.Apply(properties, name.Name, context.BaseDirectory, problems);
            foreach (var problem in problems)
            {
                context.Error(properties.Find(JobConfigFile.Key)!.ValueLocation, problem);
            }
            if (problems.Count > 0)
            {
                return null;
            }
        }
        var typeKey = $"{name.Name}.type";
        var typeProperty = properties.Find(typeKey);
        var expected = string.Join(" or ", ConnectorCatalog.NamesFor(role));
        if (typeProperty is null)
        {
            // Another statement of the application produces it: it reads that statement's output.
            if (required && !(role == ConnectorRole.Source && context.ProducerOf(name.Name) is not null))
            {
                var choices = string.Join(" or ", ConnectorCatalog.NamesFor(role).Select(n => $"'{n}'"));
                context.Error(name.Location, role == ConnectorRole.Source
                    ? $"source '{name.Name}' has no '{typeKey}' property; add '{typeKey}' = {choices} to WITH"
                    : $"{(context.Statement is InsertStatement ? "INTO" : "CREATE STREAM")} {name.Name} has no sink; add '{typeKey}' = {choices} to WITH");
            }
            return null;
        }
        var type = ConnectorCatalog.Find(typeProperty.Value);
        if (type is null)
        {
            context.Error(typeProperty.ValueLocation, $"unknown {Role(role)} type '{typeProperty.Value}' for '{name.Name}' (expected {expected})");
            return null;
        }
        if (type.Role != role)
        {
            var usage = role == ConnectorRole.Source ? "is read by this query" : "is this statement's output";
            context.Error(typeProperty.ValueLocation, $"'{type.Name}' is a {Role(type.Role)} type, but '{name.Name}' {usage} (expected {expected})");
            return null;
        }

        var own = properties.WithPrefix(name.Name).ToList();
        if (ConnectorCatalog.IsFileSource(type.Name) && own.LastOrDefault(p => p.Key.Equals("config_file", StringComparison.OrdinalIgnoreCase)) is { } configFile)
        {
            var problems = new List<string>();
            own = FileSourceConfigFile.Expand(own, configFile, context.BaseDirectory, problems);
            foreach (var problem in problems)
            {
                context.Error(configFile.ValueLocation, problem);
            }
        }
        var ok = true;
        foreach (var requiredKey in type.RequiredProperties)
        {
            if (!own.Any(p => p.Key.Equals(requiredKey, StringComparison.OrdinalIgnoreCase) && p.Value.Trim().Length > 0))
            {
                var hint = own.Any(p => p.Key.Equals("config_file", StringComparison.OrdinalIgnoreCase))
                    ? $" ('{name.Name}.config_file' does not supply it)"
                    : "";
                context.Error(typeProperty.KeyLocation, $"{type.Name} '{name.Name}' requires '{name.Name}.{requiredKey}'{hint}");
                ok = false;
            }
        }
        foreach (var (key, allowed) in type.AllowedValues)
        {
            var property = own.LastOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (property is not null && !allowed.Contains(property.Value, StringComparer.OrdinalIgnoreCase))
            {
                context.Error(property.ValueLocation, $"invalid value '{property.Value}' for '{name.Name}.{key}' (expected {string.Join(", ", allowed)})");
                ok = false;
            }
        }
        return ok ? new EndpointConfig(name.Name, type, own) : null;
    }

    /// <summary>
    /// Velostream applications often write the event-time column job-wide (<c>'event.time.field'</c>);
    /// it applies to the FROM source unless that source names its own.
    /// </summary>
    private static EndpointConfig WithJobEventTimeField(EndpointConfig config, PropertyList properties)
    {
        if (config.Get(JobKeys.EventTimeField) is not null || properties.Find(JobKeys.EventTimeField) is not { } jobLevel)
        {
            return config;
        }
        return config with { Properties = [.. config.Properties, jobLevel] };
    }

    private static string Role(ConnectorRole role) => role == ConnectorRole.Source ? "source" : "sink";

    private static JobSettings Settings(StatementContext context, PropertyList properties)
    {
        var settings = JobSettings.Default;
        if (properties.Find(JobKeys.MaxOutOfOrderness) is { } watermark)
        {
            if (DurationText.TryParse(watermark.Value, out var duration))
            {
                settings = settings with { MaxOutOfOrderness = duration };
            }
            else
            {
                context.Error(watermark.ValueLocation, $"invalid duration '{watermark.Value}' for '{JobKeys.MaxOutOfOrderness}' (use a number and a unit: ms, s, m, h, d)");
            }
        }
        if (Choice(context, properties, JobKeys.LateDataStrategy, JobKeys.LateDataValues) is { } late)
        {
            settings = settings with { LateData = LateDataStrategies.Parse(late) };
        }
        if (Choice(context, properties, JobKeys.FailureStrategy, JobKeys.FailureValues) is { } failure)
        {
            settings = settings with
            {
                Failure = failure switch
                {
                    "fail" => FailureStrategy.Fail,
                    "dead_letter" => FailureStrategy.DeadLetter,
                    _ => FailureStrategy.LogAndContinue,
                },
            };
        }
        if (Choice(context, properties, JobKeys.UseTransactions, JobKeys.BooleanValues) is { } transactions)
        {
            settings = settings with { UseTransactions = transactions == "true" };
        }
        if (properties.Find(JobKeys.Threads) is { } threads)
        {
            if (int.TryParse(threads.Value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 64)
            {
                settings = settings with { Threads = count };
            }
            else
            {
                context.Error(threads.ValueLocation, $"invalid value '{threads.Value}' for '{JobKeys.Threads}' (expected a whole number from 1 to 64)");
            }
        }
        if (Choice(context, properties, JobKeys.StateChangelog, JobKeys.BooleanValues) is { } changelog)
        {
            settings = settings with { StateChangelog = changelog == "true" };
        }
        if (context.Statement.JobName is { } job)
        {
            settings = settings with
            {
                DeadLetterPath = properties.Get($"{job}.{JobKeys.DeadLetterPath}"),
                DeadLetterTopic = properties.Get($"{job}.{JobKeys.DeadLetterTopic}"),
            };
        }
        return settings;
    }

    private static string? Choice(StatementContext context, PropertyList properties, string key, IReadOnlyList<string> allowed)
    {
        if (properties.Find(key) is not { } property)
        {
            return null;
        }
        var value = property.Value.Trim().ToLowerInvariant();
        if (allowed.Contains(value))
        {
            return value;
        }
        context.Error(property.ValueLocation, $"invalid value '{property.Value}' for '{key}' (expected {string.Join(", ", allowed)})");
        return null;
    }
}
