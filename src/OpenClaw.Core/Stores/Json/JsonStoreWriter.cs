using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores.Files;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// Replaces a store file (paired.json, pending.json) with an edited copy under optimistic concurrency. 2026.2.x writes the file without
    /// any cross-process lock (writeJsonAtomic: temp file, rename), so while it runs (-Force) a write of the
    /// gateway can land at any moment. The loop: merge the edits into the bytes last read; write a temp file;
    /// re-read the store and compare it byte for byte with what was merged; if it changed, merge again from the
    /// new bytes; else back up what is about to be replaced and swap the temp file in. Where the swap is an atomic
    /// exchange (FileSwap), the displaced bytes are compared too, and a write that landed in between is merged
    /// again as well. So the gateway's write is never lost; the module's own edit is checked afterwards by the
    /// caller (a gateway that read the file before the swap can still write over it), which retries.
    /// </summary>
    internal sealed class JsonStoreWriter
    {
        private const int MaxAttempts = 20;

        /// <summary>Test seam: runs after the temp file is written, before the store is re-checked.</summary>
        internal Action<string>? BeforeVerify { get; set; }

        /// <summary>Test seam: runs after the re-check, right before the swap (the gap FileSwap closes).</summary>
        internal Action<string>? BeforeSwap { get; set; }

        /// <typeparam name="TEffects">What the merge reports it changed (scope grants, lifecycle outcomes).</typeparam>
        public sealed class Result<TEffects>
        {
            public bool Changed { get; set; }
            public string? Backup { get; set; }

            /// <summary>What the last merge (the one whose text was written, or found to change nothing) reported.</summary>
            public TEffects Effects { get; set; } = default!;
            public int Attempts { get; set; }
        }

        /// <param name="what">How the file is keyed, for the message of a file that is not an object ("device id", "request id").</param>
        public Result<TEffects> Write<TEffects>(string path, string what, Func<JsonStoreFile, (string Text, TEffects Effects)> merge,
            bool backup, DateTimeOffset now, Action<string> log)
        {
            var result = new Result<TEffects>();
            var expected = File.ReadAllBytes(path);
            var mergeFrom = expected;
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                result.Attempts = attempt;
                var file = JsonStoreFile.Parse(path, mergeFrom, what);
                var (text, effects) = merge(file);
                result.Effects = effects;
                var updated = JsonStoreFile.Encode(text);
                if (updated.SequenceEqual(expected)) return result;
                CheckStillValid(path, text);

                var mode = UnixFileModes.Of(path);
                var temp = StoreFileWrites.WriteTemp(path, updated, mode);
                try
                {
                    BeforeVerify?.Invoke(temp);
                    var actual = File.ReadAllBytes(path);
                    if (!actual.SequenceEqual(expected))
                    {
                        log($"{path} changed since it was read (attempt {attempt}); merging the change again.");
                        expected = mergeFrom = actual;
                        continue;
                    }
                    // The backup is of the bytes the first swap replaces: the store as it was before this run changed it.
                    if (backup && result.Backup == null) result.Backup = StoreFileWrites.WriteBackup(path, expected, mode, now);
                    BeforeSwap?.Invoke(temp);
                    var exchanged = FileSwap.ExchangeOrReplace(temp, path);
                    result.Changed = true;
                    if (!exchanged) return result;
                    var displaced = File.ReadAllBytes(temp);
                    if (displaced.SequenceEqual(expected)) return result;
                    log($"{path} was written by another process between the check and the swap (attempt {attempt}); merging that write again.");
                    mergeFrom = displaced;
                    expected = updated;
                }
                finally
                {
                    // After an exchange the temp name holds the old store; either way it is not needed any more.
                    StoreFileWrites.TryDelete(temp);
                }
            }
            throw new OpenClawException(ErrorIds.StateLocked, OpenClawErrorKind.ResourceBusy,
                $"'{path}' kept changing while it was being written ({MaxAttempts} attempts); the last change of another process was kept.",
                "Stop the gateway, then run the command again.", path);
        }

        /// <summary>Defence in depth: an edit must leave a valid store, or nothing is written.</summary>
        private static void CheckStillValid(string path, string text)
        {
            try
            {
                if (StateJson.Parse(text) is not Newtonsoft.Json.Linq.JObject) throw new InvalidOperationException("The edit changed the top-level value.");
            }
            catch (JsonSyntaxException e)
            {
                throw new InvalidOperationException($"The edit of {path} produced invalid JSON ({e.Message}); nothing was written.", e);
            }
        }
    }
}
