using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Formats.Csv;
using Velostream.Engine.Execution.Formats.Json;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.Operators.Filter;
using Velostream.Engine.Execution.Operators.Joins;
using Velostream.Engine.Execution.Operators.Output;
using Velostream.Engine.Execution.Operators.Project;
using Velostream.Engine.Execution.Operators.RowFunctions;
using Velostream.Engine.Execution.Operators.Windows;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Validation;
using ColumnResolver = Velostream.Engine.Sql.Logical.ColumnResolver;
using LogicalPlan = Velostream.Engine.Sql.Logical.LogicalPlan;
using LogicalPlanner = Velostream.Engine.Sql.Logical.LogicalPlanner;
using QueryPlan = Velostream.Engine.Sql.Logical.QueryPlan;
using Scan = Velostream.Engine.Sql.Logical.Scan;
using L = Velostream.Engine.Sql.Logical;

namespace Velostream.Engine.Execution.Planning;

/// <summary>
/// The physical planner: turns a statement's checked logical plan into a <see cref="QueryExecutor"/>.
/// It lists the fields each source must decode (only those the query reads), gives every field a
/// slot in one row, compiles every expression against that layout and maps each plan node to one
/// operator. It checks nothing: every rule was checked on the logical plan (see
/// <see cref="LogicalPlanner"/>), so what goes wrong here is a bug. Entry point for the job runner
/// and for in-process use (benchmarks, tests).
/// </summary>
internal static class SqlJobCompiler
{
    /// <summary>Parses, validates and compiles the first statement of <paramref name="sql"/> (benchmarks, tests).</summary>
    public static CompileResult CompileText(string sql, JobOptions options, IReadOnlyList<SourceShape> shapes, OutputTarget output, JobStats? stats = null)
    {
        var check = SqlFrontEnd.Check(sql, "<sql>");
        if (!check.Succeeded)
        {
            return new CompileResult(null, string.Join(Environment.NewLine, check.Diagnostics));
        }
        return Compile(check.Statements[0], options, shapes, output, stats ?? new JobStats());
    }

    /// <summary>Plans <paramref name="bound"/> over the opened sources' shapes, then compiles it; a plan error is the result's error.</summary>
    public static CompileResult Compile(BoundStatement bound, JobOptions options, IReadOnlyList<SourceShape> shapes, OutputTarget output, JobStats stats)
    {
        if (bound.UnionBranches.Count > 0 || bound.Upstream.Any(u => u is not null))
        {
            // One executor runs one SELECT over configured sources: a UNION ALL or another statement's output runs as jobs (JobRunner).
            return new CompileResult(null, "a UNION ALL, or a source that is another statement's output, runs as jobs of an application (run, the job server), not as one executor");
        }
        var planned = LogicalPlanner.Plan(bound, [.. shapes.Select(s => s.Schema)], output.Format);
        return planned.Succeeded
            ? Compile(planned.Plan!, options, output, stats)
            : new CompileResult(null, string.Join(Environment.NewLine, planned.Diagnostics));
    }

    public static CompileResult Compile(QueryPlan plan, JobOptions options, OutputTarget output, JobStats stats) =>
        new(new Builder(plan, options, output, stats).Build(), null);

    /// <summary>What the first stage of a repartitioned job computes for each record: its key in <paramref name="node"/>'s terms.</summary>
    public static RepartitionKeyer CompileRepartition(QueryPlan plan, L.Repartition node) =>
        new Builder(plan, new JobOptions(), null!, new JobStats()).BuildKeyer(node);

    /// <summary>A statement's job name: <c>-- @name:</c>, else its target, else <c>select_N</c> (N = its position in the file).</summary>
    public static string JobName(BoundStatement bound, int index) => bound.Statement.JobName ?? $"select_{index + 1}";

    private sealed class Builder(QueryPlan plan, JobOptions options, OutputTarget output, JobStats stats)
    {
        private readonly BoundStatement _bound = plan.Bound;
        private readonly IReadOnlyList<Scan> _scans = plan.Scans;
        private readonly ColumnResolver _columns = plan.Columns;
        private readonly List<string>[] _fields = [.. plan.Scans.Select(_ => new List<string>())];
        private int[] _offsets = [];
        private readonly Dictionary<FunctionCall, int> _rowSlots = new(ReferenceEqualityComparer.Instance);
        // Every operator's keyed state; the executor flushes them at each commit.
        private readonly IStateStoreProvider _stores = options.StateStores ?? new InMemoryStateStores();
        private readonly string _jobName = plan.Bound.Statement.JobName ?? options.JobName ?? "select";
        private L.Aggregate? _aggregate;

        public RepartitionKeyer BuildKeyer(L.Repartition node)
        {
            var total = Layout();
            var input = new ExpressionCompiler(ResolveInput);
            var scan = node.Source;
            return new RepartitionKeyer(Decoder(scan), _offsets[scan.Index], Math.Max(total, 1), [.. node.Keys.Select(input.Compile)],
                EventTimeSlot(scan), plan.Find<L.WindowAggregate>() is not null);
        }

        // Every field read gets a slot, source after source; returns the slots used.
        private int Layout()
        {
            RegisterFields();
            _offsets = new int[_scans.Count];
            var total = 0;
            for (var i = 0; i < _scans.Count; i++)
            {
                _offsets[i] = total;
                total += _fields[i].Count;
            }
            return total;
        }

        public QueryExecutor Build()
        {
            var total = Layout();
            foreach (var call in plan.Find<L.RowFunction>()?.Calls ?? [])
            {
                _rowSlots[call.Call] = total++;
            }
            var sourceRuntimes = new SourceRuntime[_scans.Count];
            foreach (var scan in _scans)
            {
                var i = scan.Index;
                sourceRuntimes[i] = new SourceRuntime(i, scan.Name, scan.IsTable ? SourceRole.Table : SourceRole.Stream, Decoder(scan),
                    _offsets[i], EventTimeSlot(scan), scan.EventTimeField, scan.Schema.IsFile);
            }

            var job = new JobInfo(_jobName, options.AppName, _bound.Statement.SourceText, plan.Operation,
                [.. _scans.Select(s => s.Name)], output.Sink.Name);
            var input = new ExpressionCompiler(ResolveInput);

            // Nodes from the sink down: limit, sort and projection make the emitter, then each
            // node below becomes one operator, the chain built from its end.
            var project = plan.Project;
            var names = project.Columns.Select(c => c.Name).ToList();
            int[] primaryKey = [.. project.Columns.Select((c, i) => (c, i)).Where(p => p.c.IsPrimaryKey).Select(p => p.i)];
            IRecordEncoder encoder = output.Format == PayloadFormat.Csv ? new CsvRecordEncoder(names) : new JsonRecordEncoder(names);
            var limit = plan.Find<L.Limit>()?.Count ?? long.MaxValue;
            OrderKey[]? order = plan.Find<L.Sort>() is { } sort ? [.. sort.Keys.Select(k => new OrderKey(k.Column, k.Descending))] : null;
            var emitter = new OutputEmitter(job, encoder, output.Sink, options.Observer, limit, order);

            var lookups = new List<LookupJoin>();
            var intervalJoin = false;
            IStreamOperator? chain = null;
            for (LogicalPlan node = project; ; node = node.Inputs[0])
            {
                switch (node)
                {
                    case L.Project p:
                        chain = p.Input is L.Aggregate aggregate
                            ? BuildAggregate(aggregate, p, primaryKey, emitter, input)
                            : new ProjectOperator([.. p.Columns.Select(c => input.Compile(c.Expression))], primaryKey, emitter,
                                p.PassThrough ? new JsonObjectSplicer(names) : null);
                        break;
                    case L.Aggregate:
                        // Built with its projection, whose expressions read the groups.
                        break;
                    case L.Repartition:
                        // A stage boundary: the job's first stage re-keys the records (Jobs/RepartitionStage).
                        break;
                    case L.RowFunction r:
                        chain = BuildRowFunctions(r, input, chain!);
                        break;
                    case L.Filter f:
                        chain = new FilterOperator(input.Compile(f.Predicate), chain!);
                        break;
                    case L.LookupJoin j:
                        var lookup = new LookupJoin(BuildLookup(j, input), chain!, j.Match);
                        lookups.Add(lookup);
                        chain = lookup;
                        break;
                    case L.IntervalJoin j:
                        chain = BuildIntervalJoin(j, input, chain!);
                        intervalJoin = true;
                        break;
                    case Scan:
                        break;
                    default:
                        throw new InvalidOperationException($"no operator for {node.GetType().Name}");
                }
                if (node.Inputs.Count == 0 || node is L.IntervalJoin) break;
            }

            return new QueryExecutor(job, stats, sourceRuntimes, chain!, [.. lookups], _stores, _aggregate is not null || intervalJoin, emitter,
                _bound.Settings, _aggregate is L.WindowAggregate || intervalJoin, output.DeadLetters, options.Observer,
                options.Log ?? Console.Error, options.MaxLoggedFailures, options.Clock, Math.Max(total, 1));
        }

        // Absolute slot of a scan's event-time field, or -1 (message timestamp, else processing time).
        private int EventTimeSlot(Scan scan) =>
            scan.EventTimeField is { } field ? _offsets[scan.Index] + _fields[scan.Index].IndexOf(field) : -1;

        private IRecordDecoder Decoder(Scan scan) =>
            scan.Schema.Format == PayloadFormat.Csv
                ? new CsvRecordDecoder(_fields[scan.Index], scan.Schema.Columns!)
                : new JsonRecordDecoder(_fields[scan.Index]);

        // Every source field any expression reads, so each source decodes exactly those.
        private void RegisterFields()
        {
            var query = _bound.Statement.Query;
            var expressions = new List<Expr>();
            expressions.AddRange(query.Items.OfType<ExpressionItem>().Select(i => i.Expression));
            expressions.AddRange(query.Joins.Select(j => j.Condition));
            if (query.Where is not null) expressions.Add(query.Where);
            expressions.AddRange(query.GroupBy);
            if (query.Having is not null) expressions.Add(query.Having);
            if (query.Window?.TimeColumn is { } tc) expressions.Add(tc);
            // The columns SELECT * expanded to (over sources whose columns are known).
            expressions.AddRange(plan.Project.Columns.Select(c => c.Expression).Where(e => e is ColumnRef && !_bound.Bindings.ContainsKey((ColumnRef)e)));
            foreach (var expr in expressions)
            {
                foreach (var column in ExprWalker.DescendantsAndSelf(expr).OfType<ColumnRef>())
                {
                    if (column.IsSystem) continue;
                    foreach (var s in _columns.SourcesOf(column))
                    {
                        Field(s, column.Name);
                    }
                }
            }
            foreach (var scan in _scans)
            {
                if (scan.EventTimeField is { } f) Field(scan.Index, f);
            }
        }

        private int Field(int source, string name)
        {
            var list = _fields[source];
            var index = list.IndexOf(name);
            if (index >= 0) return index;
            list.Add(name);
            return list.Count - 1;
        }

        private GroupAggregator BuildAggregate(L.Aggregate aggregate, L.Project project, int[] primaryKey, OutputEmitter emitter, ExpressionCompiler input)
        {
            _aggregate = aggregate;
            var specs = aggregate.Aggregates.Select(a => Spec(a, input)).ToArray();
            var outputStage = new ExpressionCompiler(null!);
            outputStage = new ExpressionCompiler(e => ResolveOutput(e, outputStage));
            var outputs = project.Columns.Select(c => outputStage.Compile(c.Expression)).ToArray();
            var having = aggregate.Having is null ? null : outputStage.Compile(aggregate.Having);
            var folder = new GroupFolder([.. aggregate.Keys.Select(input.Compile)], specs, options.Observer.IsActive ? options.LineageSampleSize : 0, options.Observer);
            var groupOutput = new GroupOutput(aggregate.Keys.Count, specs.Length, having, outputs, primaryKey, emitter);
            EmitPolicy emit = aggregate.Emit == EmitMode.Final ? new EmitFinal(groupOutput) : new EmitChanges(groupOutput);
            var id = new StateStoreId(_jobName, StatefulOperators.Aggregate, "groups", options.StatePartition);
            var groups = new GroupStateCodec(specs, options.Observer.IsActive ? options.LineageSampleSize : 0);
            WindowStrategy windows = (aggregate as L.WindowAggregate)?.Window switch
            {
                TumblingWindow t => new TumblingWindows(folder, emit, groupOutput, _stores.KeyValueStore(id, groups), Ms(t.Size)),
                SlidingWindow s => new SlidingWindows(folder, emit, groupOutput, _stores.KeyValueStore(id, groups), Ms(s.Size), Ms(s.Advance)),
                SessionWindow s => new SessionWindows(folder, emit, groupOutput, _stores.KeyValueStore(id with { Store = "sessions" }, new SessionsCodec(groups)), Ms(s.Gap)),
                _ => new ContinuousGroups(folder, emit, groupOutput, _stores.KeyValueStore(id, groups)),
            };
            windows.LateData = _bound.Settings.LateData;
            return new GroupAggregator(folder, windows, groupOutput);
        }

        private RowFunctionOperator BuildRowFunctions(L.RowFunction node, ExpressionCompiler input, IStreamOperator next)
        {
            var specs = node.Calls.Select(c => new RowFunctionSpec(
                c.IsLead,
                c.Call.Arguments.Count > 0 ? input.Compile(c.Call.Arguments[0]) : new ConstantEvaluator(SqlValue.Null),
                c.Offset,
                c.Call.Arguments.Count > 2 && c.Kind == L.RowFunctionKind.Offset ? input.Compile(c.Call.Arguments[2]) : null,
                [.. c.Call.Over!.PartitionBy.Select(input.Compile)],
                c.BufferRows,
                _rowSlots[c.Call])
            {
                Kind = c.Kind,
                Name = c.Call.Name.ToUpperInvariant(),
                Aggregate = c.Kind == L.RowFunctionKind.Aggregate ? AggregateFunctions.Resolve(c.Call.Name, c.Call.IsStar, c.Call.Distinct)!.Value : default,
                OrderBy = [.. c.Call.Over.OrderBy.Select(o => input.Compile(o.Expression))],
                Descending = [.. c.Call.Over.OrderBy.Select(o => o.Descending)],
                FrameStart = c.FrameStart,
                FrameEnd = c.FrameEnd,
                Range = c.Range,
            }).ToArray();
            var id = new StateStoreId(_jobName, StatefulOperators.RowFunctions, "lead", options.StatePartition);
            return new RowFunctionOperator(specs,
                [.. specs.Select((_, i) => _stores.KeyValueStore(id with { Store = $"lag_{i}" }, RowPartitionCodec.Instance))],
                _stores.KeyValueStore(id, PendingRowsCodec.Instance), next,
                [.. specs.Select((s, i) => s.Kind == L.RowFunctionKind.Offset ? null! : _stores.KeyValueStore(id with { Store = $"rows_{i}" }, new RowWindowCodec(s)))]);
        }

        private Evaluator? ResolveInput(Expr expr)
        {
            if (expr is FunctionCall { Over: not null } rowCall && _rowSlots.TryGetValue(rowCall, out var rowSlot))
            {
                return new SlotEvaluator(rowSlot);
            }
            if (expr is not ColumnRef column) return null;
            if (column.IsSystem) return null;
            if (_columns.AliasOf(column) is { } aliased)
            {
                return new ExpressionCompiler(ResolveInput).Compile(aliased.Expression);
            }
            var slots = _columns.SourcesOf(column).Select(s => _offsets[s] + _fields[s].IndexOf(column.Name)).ToArray();
            return slots.Length switch
            {
                0 => throw new InvalidOperationException($"column '{column}' matches no source (the logical plan checks this)"),
                1 => new SlotEvaluator(slots[0]),
                _ => new CoalesceEvaluator([.. slots.Select(s => (Evaluator)new SlotEvaluator(s))]),
            };
        }

        private static AggregateSpec Spec(FunctionCall call, ExpressionCompiler input)
        {
            var kind = AggregateFunctions.Resolve(call.Name, call.IsStar, call.Distinct)
                ?? throw new InvalidOperationException($"unknown aggregate {call.Name} (validation checks function names)");
            var argument = call.IsStar || call.Arguments.Count == 0 ? null : input.Compile(call.Arguments[0]);
            return kind switch
            {
                AggregateKind.Corr => new AggregateSpec(kind, call.Name.ToUpperInvariant(), argument, Second: input.Compile(call.Arguments[1])),
                // The delimiter and the fraction are constants (validation checks it): evaluated once here.
                AggregateKind.StringAgg or AggregateKind.PercentileCont => new AggregateSpec(kind, call.Name.ToUpperInvariant(), argument,
                    Parameter: call.Arguments.Count > 1 ? input.Compile(call.Arguments[1]).Eval(new EvalContext(0)).Detach() : SqlValue.Null,
                    Distinct: call.Distinct),
                _ => new AggregateSpec(kind, call.Name.ToUpperInvariant(), argument),
            };
        }

        // Output stage: rows are [group keys..., aggregate results...] plus the window bounds.
        private Evaluator? ResolveOutput(Expr expr, ExpressionCompiler self)
        {
            var aggregate = _aggregate!;
            var match = ExprPrinter.MatchKey(expr);
            var k = aggregate.Keys.ToList().FindIndex(key => ExprPrinter.MatchKey(key) == match);
            if (k >= 0) return new SlotEvaluator(k);
            if (expr is FunctionCall call)
            {
                // The plan lists each distinct aggregate call once; its result follows the keys.
                // A function over rows shows its value at the group's last row (the plan's LAST_VALUE of it).
                if (call.Over is not null) match = ExprPrinter.MatchKey(L.RowFrames.LastRowValue(call));
                var a = aggregate.Aggregates.ToList().FindIndex(x => ExprPrinter.MatchKey(x) == match);
                if (a >= 0) return new SlotEvaluator(aggregate.Keys.Count + a);
                if (call.Name.Equals("TUMBLE_START", StringComparison.OrdinalIgnoreCase)) return new SystemColumnEvaluator(SystemColumn.WindowStart);
                if (call.Name.Equals("TUMBLE_END", StringComparison.OrdinalIgnoreCase)) return new SystemColumnEvaluator(SystemColumn.WindowEnd);
                return null;
            }
            if (expr is ColumnRef column)
            {
                if (column.IsSystem) return null;
                if (_columns.AliasOf(column) is { } aliased)
                {
                    return self.Compile(aliased.Expression);
                }
                // A grouped column written with another qualifier (GROUP BY symbol, SELECT t.symbol).
                for (var i = 0; i < aggregate.Keys.Count; i++)
                {
                    if (aggregate.Keys[i] is ColumnRef g && g.Name.Equals(column.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        return new SlotEvaluator(i);
                    }
                }
                throw new InvalidOperationException($"column '{column}' is neither grouped nor aggregated (validation checks this)");
            }
            return null;
        }

        private static long Ms(TimeSpan span)
        {
            var ms = (long)span.TotalMilliseconds;
            return ms > 0 ? ms : throw new InvalidOperationException("window sizes must be positive (validation checks this)");
        }

        private LookupTable BuildLookup(L.LookupJoin join, ExpressionCompiler input)
        {
            var s = join.Table.Index;
            return new LookupTable(s, _offsets[s], _fields[s].Count,
                [.. join.Keys.Select(k => input.Compile(k.Joined))], [.. join.Keys.Select(k => input.Compile(k.Earlier))],
                join.Residual is null ? null : input.Compile(join.Residual), join.LeftOuter,
                // No codec: the table is loaded whole from its source at every start, never restored.
                _stores.KeyValueStore<List<SqlValue[]>>(new StateStoreId(_jobName, $"lookup_join_{s}", "table", StateStoreId.Unpartitioned)));
        }

        private IntervalJoin BuildIntervalJoin(L.IntervalJoin join, ExpressionCompiler input, IStreamOperator next)
        {
            var times = new Evaluator[2];
            times[join.SubjectSide] = input.Compile(join.Subject);
            times[1 - join.SubjectSide] = input.Compile(join.Anchor);
            return new IntervalJoin([[.. join.Keys.Select(k => input.Compile(k.Earlier))], [.. join.Keys.Select(k => input.Compile(k.Joined))]],
                times, [_offsets[0], _offsets[1]], [_fields[0].Count, _fields[1].Count],
                join.SubjectSide, join.LowerMs, join.UpperMs,
                join.Residual is null ? null : input.Compile(join.Residual), join.LeftOuter,
                [Buffer("left"), Buffer("right")], next);

            IKeyValueStore<List<BufferedRow>> Buffer(string side) =>
                _stores.KeyValueStore(new StateStoreId(_jobName, StatefulOperators.IntervalJoin, side, options.StatePartition), BufferedRowsCodec.Instance);
        }
    }
}
