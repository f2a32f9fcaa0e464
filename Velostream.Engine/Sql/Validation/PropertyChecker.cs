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
    public static (List<EndpointConfig> Sources, EndpointConfig? Sink, JobSettings Settings) Check(StatementContext context)
    {
        var statement = context.Statement;
        var properties = statement.Properties;
        var sources = new List<EndpointConfig>();
        foreach (var source in context.Sources)
        {
            if (Endpoint(context, source.Name, ConnectorRole.Source, required: true) is { } config)
            {
                sources.Add(sources.Count == 0 ? WithJobEventTimeField(config, properties) : config);
            }
        }

        EndpointConfig? sink = null;
        if (statement.Target is { } target)
        {
            sink = Endpoint(context, target, ConnectorRole.Sink, required: statement is CreateStreamStatement);
        }
        return (sources, sink, Settings(context, properties));
    }

    private static EndpointConfig? Endpoint(StatementContext context, Identifier name, ConnectorRole role, bool required)
    {
        var properties = context.Statement.Properties;
        var typeKey = $"{name.Name}.type";
        var typeProperty = properties.Find(typeKey);
        var expected = string.Join(" or ", ConnectorCatalog.NamesFor(role));
        if (typeProperty is null)
        {
            if (required)
            {
                var choices = string.Join(" or ", ConnectorCatalog.NamesFor(role).Select(n => $"'{n}'"));
                context.Error(name.Location, role == ConnectorRole.Source
                    ? $"source '{name.Name}' has no '{typeKey}' property; add '{typeKey}' = {choices} to WITH"
                    : $"CREATE STREAM {name.Name} has no sink; add '{typeKey}' = {choices} to WITH");
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
            settings = settings with { LateData = late == "drop" ? LateDataStrategy.Drop : LateDataStrategy.DeadLetter };
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
