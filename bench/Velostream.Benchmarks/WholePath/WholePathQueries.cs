using Velostream.Benchmarks.Scenarios;

namespace Velostream.Benchmarks.WholePath;

/// <summary>
/// The applications the whole-path benchmarks give <c>Velostream.Engine run</c>: source <c>market_data</c>,
/// sink <c>out</c>, the connectors named by the caller's WITH properties (files or Kafka topics).
/// </summary>
internal static class WholePathQueries
{
    /// <summary>Every field read and written again: what the connectors and the codec cost with no SQL work.</summary>
    public const string Passthrough = "passthrough";

    /// <param name="scenario"><see cref="Passthrough"/>, <c>S1</c> (filter + projection) or <c>S2</c> (1 s tumbling window, 7 aggregates, EMIT FINAL).</param>
    /// <param name="app">The application's name (<c>-- @app:</c>).</param>
    /// <param name="timeField">The event-time field S2 windows by.</param>
    /// <param name="with">The WITH properties of the connectors and execution, without parentheses.</param>
    public static string Application(string scenario, string app, string timeField, string with) => scenario switch
    {
        Passthrough => $"""
            -- @app: {app}
            CREATE STREAM out AS SELECT * FROM market_data
            WITH ({with});
            """,
        "S1" => $"""
            -- @app: {app}
            CREATE STREAM out AS SELECT symbol, price, volume FROM market_data WHERE price > 200
            WITH ({with});
            """,
        "S2" => $"""
            -- @app: {app}
            CREATE STREAM out AS
            {ScenarioCatalog.AggregatesOver(timeField)}
            EMIT FINAL
            WITH ({with}, 'watermark.max_out_of_orderness' = '1s');
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown whole-path scenario"),
    };
}
