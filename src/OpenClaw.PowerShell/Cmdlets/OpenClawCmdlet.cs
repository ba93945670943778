using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Transport;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The base of every cmdlet: a cancellation token that Ctrl+C (StopProcessing) cancels, and a way to wait for
    /// the core's async work on the pipeline thread. The core logs from thread-pool threads, where Write* calls are
    /// not allowed, so its messages are queued and written here while waiting.
    /// </summary>
    public abstract class OpenClawCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> _verbose = new ConcurrentQueue<string>();
        private IGatewayLog? _log;

        protected CancellationToken Cancellation => _stopping.Token;

        /// <summary>A log for the core that ends up in Write-Verbose.</summary>
        internal IGatewayLog Log => _log ??= new QueuedLog(_verbose);

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Whether this invocation only previews (-WhatIf, or $WhatIfPreference when it is not bound).</summary>
        internal bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
                ? value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value)
                : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

        /// <summary>
        /// Waits for async work, pumping verbose messages. Ctrl+C becomes a pipeline stop, and a core failure that
        /// escapes (the list under a batch timing out, the socket closing) or an assembly that did not load becomes
        /// a terminating ErrorRecord with its id, category, target and recommended action. Per-item failures are
        /// caught by callers before this. Internal too, for the helpers a cmdlet hands itself to (OfflineLifecycleFlow).
        /// </summary>
        protected internal T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            var task = work(_stopping.Token);
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(50))
            {
                FlushVerbose();
            }
            FlushVerbose();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
                throw; // not reached: ThrowTerminatingError does not return
            }
            catch (Exception e) when (DependencyLoadFailure.From(e) is { } failure)
            {
                ThrowTerminating(failure);
                throw; // not reached
            }
        }

        /// <summary>Like Run, but hands a core failure back to the caller instead of stopping the command.</summary>
        protected T? RunOrFail<T>(Func<CancellationToken, Task<T>> work, out OpenClawException? failure) where T : class
        {
            var (result, error) = Run<(T?, OpenClawException?)>(async token =>
            {
                try
                {
                    return (await work(token).ConfigureAwait(false), null);
                }
                catch (OpenClawException e)
                {
                    return (null, e);
                }
            });
            failure = error;
            return result;
        }

        protected internal void Run(Func<CancellationToken, Task> work) =>
            Run<bool>(async token =>
            {
                await work(token).ConfigureAwait(false);
                return true;
            });

        protected void FlushVerbose()
        {
            while (_verbose.TryDequeue(out var message)) WriteVerbose(message);
        }

        /// <summary>A per-item failure: written, and the pipeline goes on.</summary>
        protected void WriteError(OpenClawException error) => WriteError(ErrorRecords.From(error, MyInvocation.MyCommand.Name));

        /// <summary>A setup failure (cannot connect, bad identity): the command stops.</summary>
        protected internal void ThrowTerminating(OpenClawException error) => ThrowTerminatingError(ErrorRecords.From(error, MyInvocation.MyCommand.Name));

        public void Dispose()
        {
            _stopping.Dispose();
            DisposeResources();
        }

        protected virtual void DisposeResources()
        {
        }

        private sealed class QueuedLog : IGatewayLog
        {
            private readonly ConcurrentQueue<string> _queue;

            public QueuedLog(ConcurrentQueue<string> queue)
            {
                _queue = queue;
            }

            public void Verbose(string message) => _queue.Enqueue(message);
        }
    }
}
