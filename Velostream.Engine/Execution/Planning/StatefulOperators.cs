using L = Velostream.Engine.Sql.Logical;

namespace Velostream.Engine.Execution.Planning;

/// <summary>
/// The names of the operators that keep keyed state, as their stores and changelog topics name them
/// (<c>&lt;app&gt;-&lt;job&gt;-&lt;operator&gt;-changelog</c>). Lookup join tables are not among them:
/// they are loaded whole from their source at every start.
/// </summary>
internal static class StatefulOperators
{
    public const string Aggregate = "aggregate";
    public const string IntervalJoin = "interval_join";
    public const string RowFunctions = "row_functions";

    /// <summary>Not an operator: the source offsets a repartitioned job's stateful stage applied (<see cref="State.AppliedSourceOffsets"/>).</summary>
    public const string RepartitionOffsets = "repartition_offsets";

    /// <summary>The stateful operators <paramref name="plan"/> runs, so their changelog topics can be created before the job starts.</summary>
    public static IReadOnlyList<string> Of(L.QueryPlan plan)
    {
        var names = new List<string>();
        if (plan.Find<L.Aggregate>() is not null) names.Add(Aggregate);
        if (plan.Find<L.IntervalJoin>() is not null) names.Add(IntervalJoin);
        if (plan.Find<L.RowFunction>() is not null) names.Add(RowFunctions);
        if (plan.Find<L.Repartition>() is not null) names.Add(RepartitionOffsets);
        return names;
    }
}
