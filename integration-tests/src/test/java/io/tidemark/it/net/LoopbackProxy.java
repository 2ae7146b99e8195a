package io.tidemark.it.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port that forwards every connection to one target, and can simulate
 * the network failing between a client and its database.
 *
 * <ul>
 *   <li>{@link #cut()} closes every live connection (both sides) and stops listening, so that new
 *       connections are refused ({@code ECONNREFUSED}), as when a server or the route to it goes
 *       down;</li>
 *   <li>{@link #restore()} listens again on the same port, so clients configured with the proxy's
 *       address reconnect without any change.</li>
 * </ul>
 *
 * <p>Each connection is piped by two threads, one per direction; when either direction ends both
 * sockets are closed. Threads are daemons and are stopped by {@link #close()}.
 */
public final class LoopbackProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int BUFFER_SIZE = 16 * 1024;

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ExecutorService threads;
    private ServerSocket listener;

    private LoopbackProxy(InetSocketAddress target, ServerSocket listener, String name) {
        this.target = target;
        this.listener = listener;
        this.port = listener.getLocalPort();
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "proxy-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(() -> acceptLoop(listener));
    }

    /** Starts a proxy on a free port of 127.0.0.1 that forwards to {@code targetHost:targetPort}. */
    public static LoopbackProxy start(String targetHost, int targetPort) {
        try {
            return new LoopbackProxy(new InetSocketAddress(targetHost, targetPort), bind(0),
                    targetHost + ":" + targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a proxy to " + targetHost + ":" + targetPort, e);
        }
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    /** How many client connections the proxy has accepted and forwarded so far. */
    public int connectionsForwarded() {
        return accepted.get();
    }

    /** Whether the proxy accepts connections now. */
    public synchronized boolean isUp() {
        return listener != null;
    }

    /** Drops every live connection and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        for (Socket socket : live) {
            closeQuietly(socket);
        }
        live.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket again = bind(port);
            listener = again;
            threads.execute(() -> acceptLoop(again));
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen again on port " + port, e);
        }
    }

    @Override
    public void close() {
        cut();
        threads.shutdownNow();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        return socket;
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                return;
            }
            threads.execute(() -> forward(client));
        }
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        synchronized (this) {
            if (listener == null) {
                // Cut while this connection was being set up: it must not survive the cut.
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            live.add(client);
            live.add(upstream);
            accepted.incrementAndGet();
        }
        threads.execute(() -> pipe(client, upstream));
        pipe(upstream, client);
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException closed) {
            // One side went away or the proxy was cut.
        } catch (IOException e) {
            // Same: the connection is over.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            live.remove(from);
            live.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort: the socket is unusable either way.
        }
    }

    @Override
    public String toString() {
        return "LoopbackProxy{" + hostAndPort() + " -> " + target.getHostString() + ":" + target.getPort() + "}";
    }
}
