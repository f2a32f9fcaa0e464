namespace Velostream.Engine.Execution.State;

/// <summary>
/// Which state a store holds: of one operator of one job, for one input partition (the unit that
/// moves between replicas, Kafka Streams' task). <see cref="Store"/> tells the stores of one operator
/// apart (an interval join keeps one per side).
/// </summary>
internal sealed record StateStoreId(string Job, string Operator, string Store, int Partition)
{
    /// <summary>The partition of state that is not split by input partition: every record of the job shares it.</summary>
    public const int Unpartitioned = 0;

    public override string ToString() => $"{Job}/{Operator}/{Store}[{Partition}]";
}
