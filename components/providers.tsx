"use client";

import { notifyManager, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { LiveStreamProvider } from "./live/live-stream-provider";

// Cache writes notify their observers at the end of the current task, not in a new 0 ms timer: a live batch applied
// in an animation frame is then rendered before that frame paints. With a timer the render came after the frame, so
// every batch waited for a second frame — on a busy machine (20 tabs on 2 cores) a second wait of 100-300 ms.
notifyManager.setScheduler(queueMicrotask);

export function Providers({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <LiveStreamProvider>{children}</LiveStreamProvider>
    </QueryClientProvider>
  );
}
