package io.tidemark.it.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 *   <li>{@link #cut()} closes every live connection (both sides) and from then on resets every new
 *       connection as soon as it is accepted, as when a server or the route to it goes down;</li>
 *   <li>{@link #restore()} forwards new connections again, on the same port, so clients configured
 *       with the proxy's address reconnect without any change.</li>
 * </ul>
 *
 * <p>The proxy keeps listening while cut instead of closing its port: a freed port could be taken
 * by any other process on the machine in the meantime (tests of other builds bind free ports all
 * the time), and then the proxy could not come back, or clients would reach a stranger. A client
 * therefore sees a connection reset (or an end of stream) rather than "connection refused"; both
 * are the same failure to a database client.
 *
 * <p>Each connection is piped by two threads, one per direction; when either direction ends both
 * sockets are closed. Threads are daemons and are stopped by {@link #close()}.
 */
public final class LoopbackProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int BUFFER_SIZE = 16 * 1024;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> clientSides = ConcurrentHashMap.newKeySet();
    private final Set<Socket> serverSides = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ExecutorService threads;
    private boolean up = true;

    private LoopbackProxy(InetSocketAddress target, ServerSocket listener, String name) {
        this.target = target;
        this.listener = listener;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "proxy-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptLoop);
    }

    /** Starts a proxy on a free port of 127.0.0.1 that forwards to {@code targetHost:targetPort}. */
    public static LoopbackProxy start(String targetHost, int targetPort) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            return new LoopbackProxy(
                    new InetSocketAddress(targetHost, targetPort), listener, targetHost + ":" + targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a proxy to " + targetHost + ":" + targetPort, e);
        }
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** How many client connections the proxy has forwarded so far. */
    public int connectionsForwarded() {
        return accepted.get();
    }

    /** Whether the proxy forwards connections now. */
    public synchronized boolean isUp() {
        return up;
    }

    /**
     * Drops every live connection and resets new ones until {@link #restore()}. Clients see their
     * connections reset; the server sees them closed, as when clients go away (a reset could upset a
     * test server's own connection handling, which is not what is being tested).
     */
    public synchronized void cut() {
        up = false;
        clientSides.forEach(LoopbackProxy::reset);
        serverSides.forEach(LoopbackProxy::closeQuietly);
        clientSides.clear();
        serverSides.clear();
    }

    /** Forwards new connections again. */
    public synchronized void restore() {
        up = true;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(listener);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (isUp()) {
                threads.execute(() -> forward(client));
            } else {
                reset(client);
            }
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
            if (!up) {
                // Cut while this connection was being set up: it must not survive the cut.
                reset(client);
                closeQuietly(upstream);
                return;
            }
            clientSides.add(client);
            serverSides.add(upstream);
            accepted.incrementAndGet();
        }
        threads.execute(() -> pipe(client, upstream));
        pipe(upstream, client);
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // One side went away or the proxy was cut: the connection is over.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            clientSides.remove(from);
            clientSides.remove(to);
            serverSides.remove(from);
            serverSides.remove(to);
        }
    }

    /** Closes {@code socket} with a reset (linger 0) rather than an orderly end of stream. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // closing below is all that is left to do
        }
        closeQuietly(socket);
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
