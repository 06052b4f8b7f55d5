//! Entry point of the web app (built by Trunk); see the library for everything else.

fn main() {
    gossip_playground::start();
}
