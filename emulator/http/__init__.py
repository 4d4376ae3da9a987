"""HTTP concerns outside the JSON 1.1 wire: middleware and GET endpoints (JWKS, discovery)."""
